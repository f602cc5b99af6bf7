import { createLayer, Dense, Dropout, HashEmbed, LayerNorm, Maxout, chain, tf, type HashKeys, type Layer } from '../../engine';

/** Options of `AttrEmbed`. */
export interface AttrEmbedOptions {
  /** Output width. */
  width: number;
  /** Hash-table rows of each attribute. */
  rows: number[];
  /** Vector width of each attribute's table (same length as rows). */
  widths: number[];
  /** Maxout pieces of the mixing layer; 1 = a linear (Dense) mixing layer. */
  pieces: number;
  dropout: number;
}

/**
 * spaCy's MultiHashEmbed with a vector width per attribute: the lower-cased form can get wide
 * vectors while prefix, suffix and shape get narrow ones, which keeps the mixing layer (the
 * costliest matmul of a small encoder) cheap. Attributes of equal width share one fused
 * HashEmbed; the concatenation is mixed to `width` by Maxout (or Dense) → LayerNorm → Dropout.
 */
export function AttrEmbed(opts: AttrEmbedOptions): Layer<HashKeys, tf.Tensor2D> {
  const groups: { width: number; attrs: number[] }[] = [];
  opts.widths.forEach((w, a) => {
    const g = groups.find((x) => x.width === w);
    if (g) g.attrs.push(a);
    else groups.push({ width: w, attrs: [a] });
  });
  const tables = groups.map((g, i) => {
    const table = HashEmbed({ nO: g.width, rows: g.attrs.map((a) => opts.rows[a]), seed: 7 + 101 * i });
    table.name = `table${i}`;
    return table;
  });
  const mix = chain<tf.Tensor2D, tf.Tensor2D>(
    opts.pieces > 1 ? Maxout({ nO: opts.width, pieces: opts.pieces }) : Dense({ nO: opts.width }),
    LayerNorm(),
    ...(opts.dropout > 0 ? [Dropout(opts.dropout)] : []),
  );
  const nAttrs = opts.rows.length;
  // The keys of one group's attributes, in the group's order.
  const split = (x: HashKeys, attrs: number[]): HashKeys => {
    if (attrs.length === nAttrs) return x;
    const keys = new Int32Array(x.nTokens * attrs.length);
    for (let t = 0; t < x.nTokens; t++) for (let k = 0; k < attrs.length; k++) keys[t * attrs.length + k] = x.keys[t * nAttrs + attrs[k]];
    return { keys, nTokens: x.nTokens, nAttrs: attrs.length };
  };
  const embedAll = (x: HashKeys, ctx: Parameters<Layer['forward']>[1]): tf.Tensor2D => {
    const parts = groups.map((g, i) => tables[i].forward(split(x, g.attrs), ctx));
    return parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor2D);
  };
  return createLayer<HashKeys, tf.Tensor2D>({
    name: 'embed',
    dims: { nO: opts.width },
    layers: [...tables, mix],
    init: (_layer, sample, rng) => {
      groups.forEach((g, i) => tables[i].initialize(split(sample, g.attrs), rng.fork(`table${i}`)));
      tf.tidy(() => mix.initialize(embedAll(sample, { isTrain: false, rng }), rng.fork('mix')));
    },
    forward: (_layer, x, ctx) => mix.forward(embedAll(x, ctx), ctx),
  });
}
