import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium-flags.mjs';

/** CHROMIUM_PATH, else Playwright's own Chromium where installed, else Debian's. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {}
  return '/usr/bin/chromium';
}

export async function launch(extraArgs = []) {
  const executablePath = chromiumPath();
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
  return { browser, executablePath, version: browser.version() };
}
