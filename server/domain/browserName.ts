/**
 * A short description of a browser from its User-Agent header ("Firefox on Linux"), for a member's list of
 * sessions. Only names from the fixed lists below can come out, so the stored text is short and safe
 * whatever a client sends; anything not recognised is "Unknown browser" / "unknown system".
 */
export function browserName(userAgent: string | undefined): string {
  // Headers are bounded by Node already; the checks below look at the start only, where browsers put these.
  const ua = (userAgent ?? '').slice(0, 512);
  return `${browserOf(ua)} on ${systemOf(ua)}`;
}

/** Order matters: Edge and Opera also say Chrome, Chrome also says Safari. */
const BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\b(Chrome|CriOS)\//, 'Chrome'],
  [/\bChromium\//, 'Chromium'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];

const SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bWindows\b/, 'Windows'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

function browserOf(ua: string): string {
  return BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'Unknown browser';
}

function systemOf(ua: string): string {
  return SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? 'unknown system';
}
