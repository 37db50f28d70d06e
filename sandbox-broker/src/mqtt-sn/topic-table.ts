/**
 * Topic ids (MQTT-SN v1.2 §6.5–§6.7). A normal topic id stands for a topic name on one client's
 * connection only: the gateway hands it out in REGACK, SUBACK or its own REGISTER. Pre-defined
 * ids are fixed in advance for every client, and a short topic name is carried in the two
 * octets of the TopicId field itself, so neither needs registering.
 */
const utf8 = new TextEncoder();

export class TopicTable {
  private readonly byId = new Map<number, string>();
  private readonly byName = new Map<string, number>();
  private next = 1;

  /** The client's id for this name, registering it now if it has none. */
  idFor(name: string): number {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const id = this.next++;
    this.byId.set(id, name);
    this.byName.set(name, id);
    return id;
  }

  known(name: string): number | undefined {
    return this.byName.get(name);
  }

  nameOf(id: number): string | undefined {
    return this.byId.get(id);
  }

  forget(id: number): void {
    const name = this.byId.get(id);
    this.byId.delete(id);
    if (name !== undefined) this.byName.delete(name);
  }
}

/** Pre-defined topic ids, from the gateway's configuration (ids as keys, as JSON gives them). */
export class PredefinedTopics {
  private readonly byId = new Map<number, string>();
  private readonly byName = new Map<string, number>();

  constructor(config: Record<string, string> = {}) {
    for (const [key, name] of Object.entries(config)) {
      const id = Number(key);
      if (!Number.isInteger(id) || id < 1 || id > 0xfffe) throw new Error(`pre-defined topic id "${key}" must be an integer from 1 to 65534`);
      this.byId.set(id, name);
      this.byName.set(name, id);
    }
  }

  nameOf(id: number): string | undefined {
    return this.byId.get(id);
  }

  idOf(name: string): number | undefined {
    return this.byName.get(name);
  }
}

/** A topic name that fits the two octets of a short topic name (§6.7). */
export function isShortTopicName(name: string): boolean {
  return utf8.encode(name).length === 2;
}
