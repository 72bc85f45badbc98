/**
 * The lab's tiny file system: files a learner writes with `cat > f.yaml <<EOF` (or the UI's
 * YAML editor saves) and kubectl reads with `-f`. Paths are relative to the home directory.
 */
export class VirtualFs {
  private readonly files = new Map<string, string>();

  static normalize(path: string): string {
    let p = path.replace(/^~\//, "/root/");
    if (!p.startsWith("/")) p = `/root/${p}`;
    const parts: string[] = [];
    for (const seg of p.split("/")) {
      if (seg === "" || seg === ".") continue;
      if (seg === "..") parts.pop();
      else parts.push(seg);
    }
    return "/" + parts.join("/");
  }

  read(path: string): string | undefined {
    return this.files.get(VirtualFs.normalize(path));
  }

  write(path: string, content: string): void {
    this.files.set(VirtualFs.normalize(path), content);
  }

  append(path: string, content: string): void {
    const p = VirtualFs.normalize(path);
    this.files.set(p, (this.files.get(p) ?? "") + content);
  }

  remove(path: string): boolean {
    return this.files.delete(VirtualFs.normalize(path));
  }

  /** Files directly in a directory (names only), sorted. */
  list(dir = "/root"): string[] {
    const d = VirtualFs.normalize(dir);
    const prefix = d === "/" ? "/" : d + "/";
    return [...this.files.keys()]
      .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes("/"))
      .map((k) => k.slice(prefix.length))
      .sort();
  }

  entries(): [string, string][] {
    return [...this.files.entries()];
  }
}
