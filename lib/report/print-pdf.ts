// Prints the report's HTML to PDF with the installed Chromium (playwright-core drives it; no
// browser is downloaded): A4, page numbers in the footer, backgrounds kept, text stays text.
import { chromium } from "playwright-core";
import { readEnv } from "@/lib/db/config";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function printPdf(html: string, footer: string): Promise<Buffer> {
  const executablePath = readEnv().chromiumPath;
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: ARGS });
  } catch (error) {
    throw new Error(
      `cannot start Chromium at ${executablePath} (set CHROMIUM_PATH, or apt-get install chromium): ${(error as Error).message.split("\n")[0]}`,
    );
  }
  try {
    const page = await browser.newPage();
    // The page is self-contained: nothing is fetched while it renders.
    await page.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate: `<div style="font-size:7pt;width:100%;padding:0 14mm;color:#555;display:flex;justify-content:space-between"><span>${footer.replace(/[&<>"']/g, "")}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close();
  }
}
