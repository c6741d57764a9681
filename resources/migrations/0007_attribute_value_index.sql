-- Set queries select values by their definition (attribute, site and resource type in one id).
CREATE INDEX attribute_values_by_definition ON attribute_values (attribute_id, value, resource_id);
