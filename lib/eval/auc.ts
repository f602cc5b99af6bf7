/**
 * ROC AUC from scores and binary gold via the Mann-Whitney U statistic: tied scores get their
 * average rank, so a tie between a positive and a negative counts one half. Null when gold has
 * only one class (AUC is undefined, not 0).
 */
export function rocAuc(scores: readonly number[], positive: readonly boolean[]): number | null {
  const n = scores.length;
  const nPos = positive.filter(Boolean).length;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  const order = [...scores.keys()].sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) if (positive[order[k]]) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
