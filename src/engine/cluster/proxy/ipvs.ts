/**
 * IPVS as kube-proxy programs it (IPVS mode): one virtual server per ClusterIP:port (and
 * NodePort), real servers in Masq mode with weight 1, and the kernel's schedulers.
 *
 * PLACEHOLDER API — being implemented (see the networking issue). The shapes below are the
 * contract the dataplane and the node tools use.
 */

export type IpvsProtocol = "TCP" | "UDP" | "SCTP";

export interface IpvsStats {
  conns: number;
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
}

export interface IpvsDestSpec {
  address: string;
  port: number;
  weight: number;
}

export interface IpvsServiceSpec {
  protocol: IpvsProtocol;
  address: string;
  port: number;
  scheduler: string;
  /** ClientIP session affinity: `persistent <timeout>`. */
  persistentTimeoutSec?: number;
  dests: IpvsDestSpec[];
}

export interface IpvsDest {
  readonly address: string;
  readonly port: number;
  readonly weight: number;
  readonly forward: "Masq";
  readonly activeConns: number;
  readonly inactConns: number;
  readonly persistConns: number;
  readonly stats: IpvsStats;
}

export interface IpvsService {
  readonly protocol: IpvsProtocol;
  readonly address: string;
  readonly port: number;
  readonly scheduler: string;
  readonly persistentTimeoutSec?: number;
  /** In kernel list order (new destinations are added at the head). */
  readonly dests: readonly IpvsDest[];
  readonly stats: IpvsStats;
}

export type IpvsSchedule = { dest: IpvsDest } | { error: "no destination available" };

export class IpvsTable {
  services(): readonly IpvsService[] {
    return [];
  }
  find(_protocol: IpvsProtocol, _address: string, _port: number): IpvsService | undefined {
    return undefined;
  }
  sync(_desired: readonly IpvsServiceSpec[], _nowMs: number): void {}
  schedule(_svc: IpvsService, _clientIp: string, _nowMs: number): IpvsSchedule {
    return { error: "no destination available" };
  }
  open(_svc: IpvsService, _dest: IpvsDest, _client: { ip: string; port: number }, _nowMs: number): number {
    return 0;
  }
  close(_connId: number, _nowMs: number): void {}
  expire(_nowMs: number): void {}
}
