import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const TCP_LISTEN = '0A';

/**
 * True when `pid` itself holds the listening IPv4 socket on `port` (Linux /proc).
 * A probe that merely connects is not enough: if another process (another instance's mon or
 * radosgw) grabbed the port first, the probe would reach it, and the CLI would talk to the wrong
 * cluster while ours dies on "address in use".
 */
export function isListeningBy(pid: number, port: number): boolean {
  const inodes = listeningSocketInodes(port);
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // Gone, or not ours to inspect.
  }
  return fds.some((fd) => {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      return inode !== undefined && inodes.has(inode);
    } catch {
      return false; // The fd closed while we looked.
    }
  });
}

function listeningSocketInodes(port: number): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    if (columns.length > 9 && columns[1].endsWith(`:${hexPort}`) && columns[3] === TCP_LISTEN) inodes.add(columns[9]);
  }
  return inodes;
}
