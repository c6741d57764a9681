-- One IP store: a static network is a network of the IPAM tree (with the ranges machines are
-- given addresses from), and a lease is the host address it holds there. The references stay
-- NULL until Cairn fills them in at start, for static networks and leases made before this.
-- ipam_owned says whether the lease made the address (and releasing it deletes it) or found it
-- recorded already (and releasing it leaves it).
ALTER TABLE virt_networks ADD COLUMN ipam_network_id BIGINT REFERENCES networks (id);
-- A lease whose machine vanished without a totaldelete (gone from its hypervisor) must not pin
-- its address: NSoT may then delete it, and the lease forgets it.
ALTER TABLE virt_ip_leases ADD COLUMN ipam_address_id BIGINT REFERENCES networks (id)
    ON DELETE SET NULL;
ALTER TABLE virt_ip_leases ADD COLUMN ipam_owned BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX virt_networks_ipam ON virt_networks (ipam_network_id);
CREATE INDEX virt_ip_leases_ipam ON virt_ip_leases (ipam_address_id);
