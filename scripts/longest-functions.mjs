#!/usr/bin/env node
// Longest functions in src/ and server/ (TypeScript compiler API): name, file:line, lines.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const files = [];
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(f) && !/\.test\.|fixture/.test(f)) files.push(p);
  }
};
for (const d of process.argv.slice(2)) walk(d);
const out = [];
for (const f of files) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (
      ts.isFunctionDeclaration(n) ||
      ts.isArrowFunction(n) ||
      ts.isFunctionExpression(n) ||
      ts.isMethodDeclaration(n)
    ) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line + 1,
        b = sf.getLineAndCharacterOfPosition(n.end).line + 1;
      const name =
        n.name?.getText?.() ||
        (ts.isVariableDeclaration(n.parent)
          ? n.parent.name.getText()
          : ts.isPropertyAssignment(n.parent)
            ? n.parent.name.getText()
            : '(anon)');
      out.push([b - a + 1, `${f}:${a}`, name]);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
out.sort((x, y) => y[0] - x[0]);
for (const r of out.slice(0, +process.env.N || 12)) console.log(r.join('\t'));
