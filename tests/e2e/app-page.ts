// The usual browser-test fixture: the app on a fresh embedded database (`npm start`) and one
// Chromium page at a desktop size; closed together.
import type { Browser, Page } from "playwright-core";
import { startApp, type TAppServer } from "./app-server";
import { launchBrowser } from "./browser";

export type TAppPage = { app: TAppServer; browser: Browser; page: Page };

export async function openAppPage(): Promise<TAppPage> {
  const app = await startApp();
  const browser = await launchBrowser();
  return { app, browser, page: await browser.newPage({ viewport: { width: 1280, height: 900 } }) };
}

export async function closeAppPage(fixture: Partial<TAppPage>): Promise<void> {
  await fixture.browser?.close();
  await fixture.app?.stop();
}
