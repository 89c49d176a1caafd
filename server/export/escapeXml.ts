/**
 * Escapes text for XML and HTML element content and double- or single-quoted attribute values.
 * All five special characters are replaced, so the result is safe in either position.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
