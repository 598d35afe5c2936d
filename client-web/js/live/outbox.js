// Contributions written but not yet stored by the server, kept on this device
// (per meeting) so that neither a lost connection nor a reload loses them.
// An item is `held` when the meeting's phase refused it for now.

// An id that nobody else will pick: 128 random bits as hex. Works outside
// secure contexts too (crypto.randomUUID does not).
export function newId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  constructor(key, onChange) {
    this.key = key;
    this.onChange = onChange;
    this.items = this.load();
  }

  add(kind, text) {
    const item = { id: newId(), kind, text };
    this.items.push(item);
    this.save();
    return item;
  }

  remove(id) {
    this.items = this.items.filter((i) => i.id !== id);
    this.save();
  }

  hold(item) {
    item.held = true;
    this.save();
  }

  get size() { return this.items.length; }
  get heldCount() { return this.items.filter((i) => i.held).length; }

  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.key) ?? '[]');
      return Array.isArray(saved) ? saved : [];
    } catch {
      return [];
    }
  }

  save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.items));
    } catch { /* storage may be full or disabled: the outbox stays in memory */ }
    this.onChange?.(this.items.length);
  }
}
