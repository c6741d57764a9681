-- A registration is answered once the node's record and files are saved; its inventory device
-- is written after the answer. Until then the node says so, and a server that stopped in
-- between writes the device when it starts again. (A device an operator deleted is not made
-- again: only a pending write is resumed.)
ALTER TABLE ztp_nodes ADD COLUMN inventory_pending BOOLEAN NOT NULL DEFAULT FALSE;
