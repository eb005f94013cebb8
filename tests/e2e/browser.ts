// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { mkdirSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const SCREENSHOT_DIR = "test-results/screenshots";

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
