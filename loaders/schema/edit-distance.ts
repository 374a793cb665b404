/** Levenshtein distance between two words, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = 2): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** A small typo of a word: edit distance at most 2, only between words of 5 letters or more ("Suppklier", "Entuty"). */
export function isTypoOf(word: string, target: string): boolean {
  return word.length >= 5 && target.length >= 5 && word !== target && editDistance(word, target) <= 2;
}
