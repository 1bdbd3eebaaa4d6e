import fs from 'node:fs';
import path from 'node:path';

/** Files under dir (recursively) whose name passes accept, skipping tool folders. */
export function walk(dir, accept) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', '.terraform', 'target'].includes(entry.name)) {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...walk(full, accept));
    } else if (accept(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

export const read = (file) => fs.readFileSync(file, 'utf8');
