// Escaping for the three places report.html puts outside text: HTML text and attributes,
// JSON inside a <script type="application/json">, and JavaScript inside a <script>.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Any suite text (name, description, run ids, messages) goes through this before it reaches the page.
/** `text` safe as HTML text or as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// `<` never appears raw, so neither `</script` nor `<!--` can end or confuse the element; U+2028/9
// are escaped for old JSON-in-JS readers. JSON.parse turns every escape back into the original.
/** `value` as JSON text that is safe between `<script type="application/json">` and `</script>`. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// For trusted code (the bundled chart library, our client script): inside JS strings and regular
// expressions `<\/script` and `<\!--` mean the same as before, and the HTML parser no longer sees
// an end tag or a comment opener. The source-map comment is dropped: the page loads nothing else.
/** JavaScript source made safe to inline in a <script> element. */
export function scriptForInline(source: string): string {
  return source
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}
