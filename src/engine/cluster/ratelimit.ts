import type { Clock } from "./clock";

/**
 * client-go's token-bucket rate limiter (`flowcontrol.NewTokenBucketRateLimiter`) on the virtual
 * clock: `burst` requests at once, then `qps` per second. Each kube-controller-manager controller
 * has its own client with `--kube-api-qps` 20 and `--kube-api-burst` 30, so a controller told to
 * make a million pods makes them at 20 a second, as a real one does, never all in one step.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    readonly qps: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
    this.last = clock.now;
  }

  private refill(): void {
    const now = this.clock.now;
    if (now > this.last) this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
  }

  /** Takes a token if one is there now (the request may go); false if the client would wait. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Virtual milliseconds until `n` tokens are there (at most `burst`). */
  msUntil(n: number): number {
    this.refill();
    const missing = Math.min(n, this.burst) - this.tokens;
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.qps);
  }
}

/** kube-controller-manager's default `--kube-api-qps` and `--kube-api-burst`. */
export const CONTROLLER_CLIENT_QPS = 20;
export const CONTROLLER_CLIENT_BURST = 30;
