/** How keys are called on screen, where aria-keyshortcuts' name is not what a keyboard or a person says. */
const KEY_WORDS: Record<string, string> = {
  Control: 'Ctrl',
  ArrowUp: 'Up arrow',
  ArrowDown: 'Down arrow',
  ArrowLeft: 'Left arrow',
  ArrowRight: 'Right arrow',
};

/**
 * The keys of one combination in aria-keyshortcuts syntax ("Control+Shift+ArrowUp") as words to show,
 * one per key: ["Ctrl", "Shift", "Up arrow"]. A lone "+" is the plus key.
 */
export function keyWords(combination: string): string[] {
  const keys = combination === '+' ? ['+'] : combination.split('+');
  return keys.map((key) => KEY_WORDS[key] ?? (key.length === 1 ? key.toUpperCase() : key));
}
