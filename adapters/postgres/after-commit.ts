/** Callbacks registered on a transaction, run once it has committed (see Transaction.afterCommit). */
export class AfterCommit {
  private readonly callbacks: Array<() => void | Promise<void>> = [];

  add(callback: () => void | Promise<void>): void {
    this.callbacks.push(callback);
  }

  /** Run them in order; a failing callback does not stop the others (the commit has happened). */
  async run(): Promise<void> {
    for (const callback of this.callbacks.splice(0)) {
      try {
        await callback();
      } catch {
        // Deliberately ignored: see Transaction.afterCommit.
      }
    }
  }
}
