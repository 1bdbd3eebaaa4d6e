// Runs named checks, prints one line per check (PASS, FAIL with the reasons, SKIP with why) and
// keeps the counts for the closing line.

export class Report {
  constructor() {
    this.passed = 0;
    this.failed = 0;
    this.skipped = 0;
  }

  /** Runs fn; a thrown error fails the check with its message. fn may return a detail string. */
  async check(name, fn) {
    const start = Date.now();
    try {
      const detail = await fn();
      this.passed++;
      console.log(`PASS ${name}${detail ? `: ${detail}` : ''} (${Date.now() - start} ms)`);
    } catch (error) {
      this.failed++;
      const message = error && error.message ? error.message : String(error);
      console.log(`FAIL ${name}\n     ${message.split('\n').join('\n     ')}`);
    }
  }

  skip(name, why) {
    this.skipped++;
    console.log(`SKIP ${name}: ${why}`);
  }
}

export function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Fails with every problem listed, or passes when there is none. */
export function noProblems(problems, what) {
  if (problems.length > 0) {
    throw new Error(`${what}:\n- ${problems.join('\n- ')}`);
  }
}
