/**
 * An IP address or CIDR anywhere in the UI. Hovering (or focusing, where `focusable`) it shows
 * its owner through the one delegated <IpHover> listener, so a thousand IPs cost no listeners.
 */
export function IpText({ ip, focusable = false, className = "" }: { ip: string | undefined; focusable?: boolean; className?: string }) {
  if (!ip) return <span className={`ip none ${className}`}>no IP</span>;
  return (
    <span className={`ip ${className}`} data-ip={ip} tabIndex={focusable ? 0 : undefined}>
      {ip}
    </span>
  );
}
