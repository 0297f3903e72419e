// Reads Lighthouse JSON reports and decides: 100 in accessibility, best practices and SEO on every page, and the
// budget page within its budget. Prints the performance score as a figure, not a gate.
// Usage: node lighthouse-verdict.mjs APP_URL BUDGET_PATH path=report.json...
import { readFileSync } from "node:fs";

const [appUrl, budgetPath, ...reports] = process.argv.slice(2);
const GATED = ["accessibility", "best-practices", "seo"];
const BUDGET_BYTES = 30 * 1024;
const failures = [];

const percent = (score) => (score === null ? "n/a" : Math.round(score * 100).toString());

console.log("\npage".padEnd(40) + "perf  a11y  best  seo");
for (const entry of reports) {
  const [path, file] = [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)];
  const lhr = JSON.parse(readFileSync(file, "utf8"));
  const c = lhr.categories;
  console.log(path.padEnd(39) + [c.performance, c.accessibility, c["best-practices"], c.seo]
    .map((cat) => percent(cat.score).padStart(4)).join("  "));
  if (lhr.runtimeError) {
    failures.push(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  for (const id of GATED) {
    if (c[id].score !== 1) {
      const lost = c[id].auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative"
          && audit.scoreDisplayMode !== "manual" && audit.scoreDisplayMode !== "notApplicable")
        .map((audit) => `${audit.id} (${audit.title})`);
      failures.push(`${path}: ${id} ${percent(c[id].score)} < 100: ${lost.join("; ")}`);
    }
  }
  if (path === budgetPath) {
    failures.push(...budget(path, lhr));
  }
}

function budget(path, lhr) {
  const problems = [];
  const audits = lhr.audits;
  const bytes = audits["total-byte-weight"].numericValue;
  const requests = audits["network-requests"].details.items;
  console.log(`\n${path} budget: ${requests.length} requests, ${(bytes / 1024).toFixed(1)} KB transferred `
    + `(limit ${BUDGET_BYTES / 1024} KB), CLS ${audits["cumulative-layout-shift"].numericValue}, `
    + `LCP ${Math.round(audits["largest-contentful-paint"].numericValue)} ms, `
    + `FCP ${Math.round(audits["first-contentful-paint"].numericValue)} ms (simulated slow 4G)`);
  for (const r of requests) {
    console.log(`  ${String(r.transferSize).padStart(7)} B  ${r.resourceType ?? ""}  ${r.url}`);
  }
  if (bytes >= BUDGET_BYTES) {
    problems.push(`${path}: ${bytes} bytes transferred, budget ${BUDGET_BYTES}`);
  }
  const origin = new URL(appUrl).origin;
  const foreign = requests.filter((r) => !r.url.startsWith("data:") && new URL(r.url).origin !== origin);
  if (foreign.length > 0) {
    problems.push(`${path}: third-party requests: ${foreign.map((r) => r.url).join(", ")}`);
  }
  const blocking = (audits["render-blocking-resources"]?.details?.items ?? [])
    .map((item) => item.url)
    .filter((url) => !/\/css\/site[^/]*\.css$/.test(new URL(url).pathname));
  if (blocking.length > 0) {
    problems.push(`${path}: render-blocking besides the stylesheet: ${blocking.join(", ")}`);
  }
  if (audits["cumulative-layout-shift"].numericValue !== 0) {
    problems.push(`${path}: layout shift ${audits["cumulative-layout-shift"].numericValue}, must be 0`);
  }
  for (const id of ["offscreen-images", "unsized-images"]) {
    if (audits[id] && audits[id].score !== null && audits[id].score < 1) {
      problems.push(`${path}: ${id} (${audits[id].title})`);
    }
  }
  return problems;
}

if (failures.length > 0) {
  console.log("\nLighthouse FAILED:\n  " + failures.join("\n  "));
  process.exit(1);
}
console.log("\nLighthouse passed: 100 in accessibility, best practices and SEO on every page"
  + (reports.some((e) => e.startsWith(budgetPath + "=")) ? `; ${budgetPath} within its budget` : ""));
