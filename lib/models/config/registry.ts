import { WorkbenchError } from '../../errors';
import { closest } from './schema';

/** One registered entry: its base name, version and the versioned id saved in configs ('shared.v1'). */
export interface RegistryEntry<T> {
  name: string;
  version: number;
  id: string;
  item: T;
}

/**
 * Versioned names, thinc style: users write 'shared', configs record 'shared.v1', and a
 * behaviour change registers 'shared.v2' beside it so saved pipelines keep loading.
 */
export class Registry<T> {
  private readonly entries = new Map<string, RegistryEntry<T>>();

  /** `kind` names what is registered ('scheme', 'encoder') in error messages. */
  constructor(readonly kind: string) {}

  /** Registers `item` as `name.v<version>`; registering the same id twice is an error. */
  register(name: string, version: number, item: T): RegistryEntry<T> {
    if (!/^[a-z][a-z0-9-]*$/i.test(name)) throw new WorkbenchError('E007', `${this.kind} name "${name}" must be letters, digits and dashes`);
    if (!Number.isInteger(version) || version < 1) throw new WorkbenchError('E007', `${this.kind} version must be a positive integer, got ${version}`);
    const id = `${name}.v${version}`;
    if (this.entries.has(id)) throw new WorkbenchError('E007', `${this.kind} "${id}" is already registered`);
    const entry = { name, version, id, item };
    this.entries.set(id, entry);
    return entry;
  }

  /** The versioned id for 'name' (latest version) or 'name.vN' (exactly that one). */
  resolve(name: string, field = this.kind): string {
    if (this.entries.has(name)) return name;
    const versions = [...this.entries.values()].filter((e) => e.name === name);
    if (versions.length > 0) return versions.reduce((a, b) => (b.version > a.version ? b : a)).id;
    const known = [...new Set([...this.entries.values()].flatMap((e) => [e.name, e.id]))];
    const hint = closest(name, known);
    throw new WorkbenchError(
      'E012',
      `unknown ${this.kind} "${name}"${hint ? `; did you mean "${hint}"?` : ''} (registered: ${this.ids().join(', ')})`,
      { field },
    );
  }

  /** The entry for a name or versioned id. */
  get(name: string, field = this.kind): RegistryEntry<T> {
    return this.entries.get(this.resolve(name, field))!;
  }

  /** True when the name or id is registered. */
  has(name: string): boolean {
    return this.entries.has(name) || [...this.entries.values()].some((e) => e.name === name);
  }

  /** All versioned ids, sorted. */
  ids(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** All entries, sorted by id. */
  list(): RegistryEntry<T>[] {
    return this.ids().map((id) => this.entries.get(id)!);
  }
}
