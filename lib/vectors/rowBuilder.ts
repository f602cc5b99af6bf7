/** Float rows appended one word at a time (a growable [n · dim] buffer), for the file readers. */
export class RowBuilder {
  readonly dim: number;
  readonly words: string[] = [];
  private rows: Float32Array;

  constructor(dim: number, expected = 1024) {
    this.dim = dim;
    this.rows = new Float32Array(Math.max(1, expected) * dim);
  }

  /** Appends a word and returns the offset where its `dim` values go. */
  add(word: string): number {
    const offset = this.words.length * this.dim;
    if (offset + this.dim > this.rows.length) {
      const grown = new Float32Array(Math.max(this.rows.length * 2, offset + this.dim));
      grown.set(this.rows);
      this.rows = grown;
    }
    this.words.push(word);
    return offset;
  }

  /** The buffer (call `values()` for the filled part). */
  get buffer(): Float32Array {
    return this.rows;
  }

  /** The filled rows, [words.length · dim]. */
  values(): Float32Array {
    return this.rows.subarray(0, this.words.length * this.dim);
  }
}
