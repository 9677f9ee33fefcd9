export interface CephLayout {
  dir: string;
  fsid: string;
  monPort: number;
  rgwPort: number;
}

export const monDataDir = (dir: string): string => `${dir}/mon`;
export const osdDataDir = (dir: string): string => `${dir}/osd`;
export const logDir = (dir: string): string => `${dir}/log`;
export const confPath = (dir: string): string => `${dir}/ceph.conf`;

/**
 * A throwaway single-host cluster: one mon, one in-memory OSD, one radosgw, everything on
 * 127.0.0.1. Each setting below is here because startup failed, hung or took ~11 s without it.
 */
export function renderCephConf({ dir, fsid, monPort, rgwPort }: CephLayout): string {
  return `[global]
fsid = ${fsid}
mon_host = v2:127.0.0.1:${monPort}
log_file = ${logDir(dir)}/$name.log
run_dir = ${dir}/run
# No admin sockets: nothing uses them, and unix socket paths have a 107-byte limit.
admin_socket =

# No cephx keys to create or distribute. radosgw defaults ms_mon_client_mode to "secure",
# which auth "none" cannot offer: without crc it retries forever with error -13.
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc
ms_mon_cluster_mode = crc
ms_mon_service_mode = crc
ms_client_mode = crc
ms_cluster_mode = crc
ms_service_mode = crc

# Loopback only, msgr2 only. The OSD takes its 4 ports from ms_bind_port_min..max
# (6800-7300), skipping ports in use, so several instances coexist.
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr1 = false
ms_bind_ipv6 = false
# On a taken port the mon would retry every 5 s; exit at once instead, so the harness can pick
# another port.
ms_bind_retry_count = 1

# One OSD: pools of size 1, few PGs (radosgw creates ~9 pools; 32 PGs each would pass
# mon_max_pg_per_osd and bucket creation would fail).
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_max_pg_per_osd = 1000
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
# A nearly full /tmp must not shut the mon down mid-test.
mon_data_avail_crit = 0
mon_data_avail_warn = 0

# Paxos defaults wait ~1 s per proposal; bootstrapping makes many.
paxos_propose_interval = 0.01
paxos_min_wait = 0.001

osd_objectstore = memstore
# The CLI registers osd.0 and its CRUSH location before the OSD starts; letting the OSD do it
# at boot is what made startup unreliable.
osd_class_update_on_start = false
osd_crush_update_on_start = false

[mon.a]
mon_data = ${monDataDir(dir)}

[osd.0]
osd_data = ${osdDataDir(dir)}

[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:${rgwPort}
`;
}
