/* The classic JSX runtime (Preact's h, no preact/jsx-runtime in the panel file): 160 B gzip less (issue 12). */
/** @jsxRuntime classic */
/** @jsx h */
// biome-ignore lint/correctness/noUnusedImports: the JSX factory of the pragmas above
import { h } from 'preact';
import type { ResolvedCategory } from '../config/types';
import { categoryText, type Strings } from './strings';

/**
 * One category: its name and switch on one line, the choice first; its description and the cookies it sets one
 * click away (a disclosure). The switch is the SPEC's `input[type=checkbox][data-cr-category]`, with `role=switch`
 * (WAI-ARIA APG switch pattern: on/off takes effect as the visitor's draft, saved by the footer's buttons). `lock`:
 * the string key of why the operator holds this category, when it does (the core gives the key: src/ui/view.ts).
 */
export function categoryRow(
  c: ResolvedCategory,
  s: Strings,
  on: boolean,
  lock: string | undefined,
  set: (on: boolean) => void,
) {
  const t = categoryText(s, c.id, c.label, c.description);
  const note = c.required ? s.alwaysOn : lock && ((s as Record<string, string>)[lock] || lock);
  const cookies = c.cookieInfo || [];
  return (
    <li key={c.id}>
      <details>
        <summary>
          <span id={`cr-l-${c.id}`}>{t.label}</span>
          {note && (
            <small id={`cr-n-${c.id}`} class="m">
              {note}
            </small>
          )}
        </summary>
        <p id={`cr-d-${c.id}`} class="m">
          {t.description}
        </p>
        {cookies.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{s.cookie}</th>
                <th scope="col">{s.purpose}</th>
              </tr>
            </thead>
            <tbody>
              {cookies.map((k) => (
                <tr key={k.name}>
                  <td dir="ltr">{k.name}</td>
                  <td>{k.purpose || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
      <input
        type="checkbox"
        // biome-ignore lint/a11y/useAriaPropsForRole: the checkbox's own checked state is the switch's (HTML-AAM); ARIA in HTML says not to add aria-checked
        role="switch"
        data-cr-category={c.id}
        checked={on}
        disabled={c.required || !!lock}
        aria-labelledby={`cr-l-${c.id}`}
        aria-describedby={note ? `cr-n-${c.id} cr-d-${c.id}` : `cr-d-${c.id}`}
        onChange={(e) => set((e.currentTarget as HTMLInputElement).checked)}
      />
    </li>
  );
}
