import { LineEntry, lineIn, splitFieldPath } from './read-yaml-locate';
import { PlainDocument, plainLines, plainRootKeyLine } from './read-yaml-plain';

/**
 * The lines of one document's fields, for the `locate` of its objects. Each object keeps its
 * `locate` (lint findings name lines): one small object and closure per object, as a 110k-policy
 * export holds them all.
 */
export abstract class DocLines {
  public constructor(public readonly docLine: number | undefined) {}

  /** The 1-based line of `field` under `prefix`, or of its nearest present ancestor. */
  public locateIn(prefix: Array<string | number>): (field: string) => number | undefined {
    return (field) => {
      // A key of the root (`spec`, most lint findings): no path to split, no lines to index.
      if (prefix.length === 0 && field !== '' && field.indexOf('.') < 0 && field.indexOf('[') < 0 && field.indexOf(']') < 0) {
        const root = this.rootKeyLine(field);
        if (root !== NO_SHORTCUT) return root ?? this.docLine;
      }
      const path = prefix.length === 0 ? splitFieldPath(field) : [...prefix, ...splitFieldPath(field)];
      // A quoted key of the root (`["a.b"]`), the same way.
      const root = path.length === 1 && typeof path[0] === 'string' ? this.rootKeyLine(path[0]) : NO_SHORTCUT;
      if (root !== NO_SHORTCUT) return root ?? this.docLine;
      return lineIn(this.tree(), path, this.docLine);
    };
  }

  /** The line of a key of the document's root (undefined when absent), or NO_SHORTCUT to look in `tree`. */
  protected abstract rootKeyLine(key: string): number | undefined | typeof NO_SHORTCUT;

  protected abstract tree(): LineEntry;
}

const NO_SHORTCUT = Symbol('no shortcut');

/** A composed document's lines, indexed with it. */
export class ComposedDocLines extends DocLines {
  public constructor(docLine: number | undefined, private readonly lines: LineEntry) {
    super(docLine);
  }

  protected rootKeyLine(): typeof NO_SHORTCUT {
    return NO_SHORTCUT;
  }

  protected tree(): LineEntry {
    return this.lines;
  }
}

/** The index of the document last asked for, shared by the documents of one plain text. */
export interface HeldLines {
  doc: PlainDocument | undefined;
  lines: LineEntry;
}

/** A plain document's lines: indexed when a message needs one, one document at a time (the last one kept). */
export class PlainDocLines extends DocLines {
  public constructor(private readonly text: string, private readonly doc: PlainDocument, private readonly held: HeldLines) {
    super(doc.line);
  }

  protected rootKeyLine(key: string): number | undefined {
    return plainRootKeyLine(this.text, this.doc, key);
  }

  protected tree(): LineEntry {
    if (this.held.doc !== this.doc) {
      this.held.lines = plainLines(this.text, this.doc);
      this.held.doc = this.doc;
    }
    return this.held.lines;
  }
}
