-- Cost records (CostStore): one row per FOCUS record, kept per source and billing period.
-- Instants are epoch seconds (the in-memory store's resolution); tags are length-prefixed "<len>:<key><len>:<value>".
CREATE TABLE stratus_cost_record (
  source_id TEXT NOT NULL,
  dedup_key TEXT NOT NULL,
  dedup_hash BIGINT NOT NULL,
  billed_cost NUMERIC,
  effective_cost NUMERIC,
  list_cost NUMERIC,
  contracted_cost NUMERIC,
  billing_currency TEXT,
  billing_account_id TEXT,
  billing_account_name TEXT,
  billing_account_type TEXT,
  billing_period_start_s BIGINT,
  billing_period_end_s BIGINT,
  charge_period_start_s BIGINT,
  charge_period_end_s BIGINT,
  charge_description TEXT,
  provider_name TEXT,
  publisher_name TEXT,
  invoice_issuer_name TEXT,
  invoice_id TEXT,
  sub_account_id TEXT,
  sub_account_name TEXT,
  sub_account_type TEXT,
  region_id TEXT,
  region_name TEXT,
  availability_zone TEXT,
  service_name TEXT,
  service_category TEXT,
  service_subcategory TEXT,
  resource_id TEXT,
  resource_name TEXT,
  resource_type TEXT,
  sku_id TEXT,
  sku_price_id TEXT,
  sku_meter TEXT,
  sku_price_details TEXT,
  pricing_currency TEXT,
  pricing_currency_contracted_unit_price NUMERIC,
  pricing_currency_effective_cost NUMERIC,
  pricing_currency_list_unit_price NUMERIC,
  pricing_category TEXT,
  pricing_quantity NUMERIC,
  pricing_unit TEXT,
  list_unit_price NUMERIC,
  contracted_unit_price NUMERIC,
  consumed_quantity NUMERIC,
  consumed_unit TEXT,
  commitment_discount_id TEXT,
  commitment_discount_name TEXT,
  commitment_discount_category TEXT,
  commitment_discount_type TEXT,
  commitment_discount_status TEXT,
  commitment_discount_quantity NUMERIC,
  commitment_discount_unit TEXT,
  capacity_reservation_id TEXT,
  capacity_reservation_status TEXT,
  line_item_id TEXT,
  charge_category TEXT,
  charge_frequency TEXT,
  correction BOOLEAN NOT NULL,
  tags TEXT
);
-- dedup_hash is a 64-bit FNV-1a hash of dedup_key: a compact index key (restatements also compare dedup_key).
CREATE INDEX stratus_cost_record_partition ON stratus_cost_record (source_id, billing_period_start_s, dedup_hash);
-- BRIN: charge periods arrive roughly in order; far cheaper to maintain under COPY than a B-tree.
CREATE INDEX stratus_cost_record_charge_start ON stratus_cost_record USING brin (charge_period_start_s);
-- The live record count, updated in the same transaction as every write (size() without a table scan).
CREATE TABLE stratus_cost_count (
  id INTEGER PRIMARY KEY,
  live BIGINT NOT NULL
);
INSERT INTO stratus_cost_count (id, live) VALUES (1, 0);
-- Billing watermarks (WatermarkStore): the last batch the cost store accepted, per source and billing period.
CREATE TABLE stratus_cost_watermark (
  source_id TEXT NOT NULL,
  billing_period_start_s BIGINT NOT NULL,
  billing_period_end_s BIGINT NOT NULL,
  token TEXT NOT NULL,
  PRIMARY KEY (source_id, billing_period_start_s, billing_period_end_s)
);
