/**
 * The people of a submit_contacts call while the model is still writing it: each element of the
 * top-level `contacts` array is given out as soon as its closing brace arrives, so the first person
 * can be verified and stored while the model writes the next ones. Only complete JSON objects are
 * given out; the call's full arguments are still checked when it ends.
 */
export class StreamedContacts {
  private text = '';
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The last string closed directly in the top-level object, and the key it became. */
  private stringStart = -1;
  private lastString = '';
  private key = '';
  private inContacts = false;
  private elementStart = -1;
  /** Commas seen directly in the contacts array: the position of the element being written. */
  private index = 0;
  private opened = false;
  private broken = false;

  /** Adds a piece of the arguments; returns the elements completed by it, with their position. */
  push(piece: string): { index: number; json: string }[] {
    this.text += piece;
    const done: { index: number; json: string }[] = [];
    for (; this.pos < this.text.length && !this.broken; this.pos += 1) {
      const ch = this.text[this.pos]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') {
          this.inString = false;
          if (this.depth === 1) this.lastString = this.text.slice(this.stringStart + 1, this.pos);
        }
        continue;
      }
      // Not one JSON object: nothing more is given out (the whole call's check says what is wrong).
      if (this.depth === 0 && !/\s/.test(ch) && (ch !== '{' || this.opened)) {
        this.broken = true;
        break;
      }
      if (ch === '"') {
        this.inString = true;
        this.stringStart = this.pos;
      } else if (ch === ':' && this.depth === 1) this.key = this.lastString;
      else if (ch === ',' && this.depth === 1) this.key = '';
      else if (ch === ',' && this.depth === 2 && this.inContacts) this.index += 1;
      else if (ch === '{' || ch === '[') {
        this.depth += 1;
        this.opened = true;
        if (ch === '[' && this.depth === 2 && this.key === 'contacts') this.inContacts = true;
        else if (ch === '{' && this.depth === 3 && this.inContacts) this.elementStart = this.pos;
      } else if (ch === '}' || ch === ']') {
        if (ch === '}' && this.depth === 3 && this.elementStart >= 0)
          done.push({ index: this.index, json: this.text.slice(this.elementStart, this.pos + 1) });
        if (this.depth === 3) this.elementStart = -1;
        if (this.depth === 2) this.inContacts = false;
        this.depth -= 1;
      }
    }
    return done;
  }
}
