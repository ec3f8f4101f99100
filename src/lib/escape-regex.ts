/** Makes user text safe to embed in a RegExp (search boxes must not be patterns). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
