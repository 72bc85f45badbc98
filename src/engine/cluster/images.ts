/**
 * What the kubelet knows about an image: its size (for the Pulled event), how long its main
 * process takes to stop on SIGTERM, and whether it runs forever or exits. Unknown images behave
 * like a generic long-running server.
 */
export interface ImageInfo {
  /** Compressed size in bytes, as the Pulled event prints it. */
  size: number;
  /** Seconds from SIGTERM to exit (capped by the grace period). */
  stopSeconds: number;
  /** A shell-like image with no command exits at once (Completed, then CrashLoopBackOff). */
  exitsWithoutCommand?: boolean;
  /** The entrypoint refuses to start (exit 1) unless one of these variables is set. */
  requiresOneOfEnv?: string[];
}

const IMAGES: Record<string, ImageInfo> = {
  nginx: { size: 72_195_292, stopSeconds: 0.3 },
  httpd: { size: 58_132_140, stopSeconds: 0.8 },
  mysql: { size: 234_513_765, stopSeconds: 2.5, requiresOneOfEnv: ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"] },
  mariadb: { size: 110_232_471, stopSeconds: 2, requiresOneOfEnv: ["MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "MARIADB_RANDOM_ROOT_PASSWORD"] },
  postgres: { size: 158_474_311, stopSeconds: 1, requiresOneOfEnv: ["POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD"] },
  wordpress: { size: 255_382_164, stopSeconds: 0.8 },
  redis: { size: 45_107_618, stopSeconds: 0.2 },
  busybox: { size: 2_156_518, stopSeconds: 30, exitsWithoutCommand: true },
  alpine: { size: 3_653_701, stopSeconds: 30, exitsWithoutCommand: true },
  "curlimages/curl": { size: 11_905_430, stopSeconds: 30, exitsWithoutCommand: true },
  "podflow/hello": { size: 6_331_442, stopSeconds: 0.2 },
  "registry.k8s.io/e2e-test-images/agnhost": { size: 51_034_556, stopSeconds: 0.2 },
};

/** The repository part of an image reference, without registry defaults, tag or digest. */
export function imageRepository(image: string): string {
  let s = image.split("@")[0];
  const slash = s.lastIndexOf("/");
  const colon = s.lastIndexOf(":");
  if (colon > slash) s = s.slice(0, colon);
  return s.replace(/^docker\.io\//, "").replace(/^library\//, "");
}

export function imageInfo(image: string): ImageInfo {
  const repo = imageRepository(image);
  return Object.hasOwn(IMAGES, repo) ? IMAGES[repo] : { size: 48_000_000, stopSeconds: 0.5 };
}

/** The fully-qualified form the kubelet reports in imageID / container status `image`. */
export function qualifiedImage(image: string): string {
  let s = image;
  const first = s.split("/")[0];
  const hasRegistry = s.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (!hasRegistry) s = `docker.io/${s.includes("/") ? s : `library/${s}`}`;
  const slash = s.lastIndexOf("/");
  if (!s.includes("@") && s.lastIndexOf(":") <= slash) s += ":latest";
  return s;
}
