-- Cost records (CostStore): one row per FOCUS record, kept per source and billing period.
-- Instants are epoch seconds (the in-memory store's resolution); tags are length-prefixed "<len>:<key><len>:<value>".
CREATE TABLE stratus_cost_record (
  source_id VARCHAR NOT NULL,
  dedup_key VARCHAR NOT NULL,
  dedup_hash BIGINT NOT NULL,
  billed_cost DECFLOAT,
  effective_cost DECFLOAT,
  list_cost DECFLOAT,
  contracted_cost DECFLOAT,
  billing_currency VARCHAR,
  billing_account_id VARCHAR,
  billing_account_name VARCHAR,
  billing_account_type VARCHAR,
  billing_period_start_s BIGINT,
  billing_period_end_s BIGINT,
  charge_period_start_s BIGINT,
  charge_period_end_s BIGINT,
  charge_description VARCHAR,
  provider_name VARCHAR,
  publisher_name VARCHAR,
  invoice_issuer_name VARCHAR,
  invoice_id VARCHAR,
  sub_account_id VARCHAR,
  sub_account_name VARCHAR,
  sub_account_type VARCHAR,
  region_id VARCHAR,
  region_name VARCHAR,
  availability_zone VARCHAR,
  service_name VARCHAR,
  service_category VARCHAR,
  service_subcategory VARCHAR,
  resource_id VARCHAR,
  resource_name VARCHAR,
  resource_type VARCHAR,
  sku_id VARCHAR,
  sku_price_id VARCHAR,
  sku_meter VARCHAR,
  sku_price_details VARCHAR,
  pricing_currency VARCHAR,
  pricing_currency_contracted_unit_price DECFLOAT,
  pricing_currency_effective_cost DECFLOAT,
  pricing_currency_list_unit_price DECFLOAT,
  pricing_category VARCHAR,
  pricing_quantity DECFLOAT,
  pricing_unit VARCHAR,
  list_unit_price DECFLOAT,
  contracted_unit_price DECFLOAT,
  consumed_quantity DECFLOAT,
  consumed_unit VARCHAR,
  commitment_discount_id VARCHAR,
  commitment_discount_name VARCHAR,
  commitment_discount_category VARCHAR,
  commitment_discount_type VARCHAR,
  commitment_discount_status VARCHAR,
  commitment_discount_quantity DECFLOAT,
  commitment_discount_unit VARCHAR,
  capacity_reservation_id VARCHAR,
  capacity_reservation_status VARCHAR,
  line_item_id VARCHAR,
  charge_category VARCHAR,
  charge_frequency VARCHAR,
  correction BOOLEAN NOT NULL,
  tags VARCHAR
);
-- dedup_hash is a 64-bit FNV-1a hash of dedup_key: a compact index key (restatements also compare dedup_key).
CREATE INDEX stratus_cost_record_partition ON stratus_cost_record (source_id, billing_period_start_s, dedup_hash);
CREATE INDEX stratus_cost_record_charge_start ON stratus_cost_record (charge_period_start_s);
-- The live record count, updated in the same transaction as every write (size() without a table scan).
CREATE TABLE stratus_cost_count (
  id INTEGER PRIMARY KEY,
  live BIGINT NOT NULL
);
INSERT INTO stratus_cost_count (id, live) VALUES (1, 0);
-- Billing watermarks (WatermarkStore): the last batch the cost store accepted, per source and billing period.
CREATE TABLE stratus_cost_watermark (
  source_id VARCHAR NOT NULL,
  billing_period_start_s BIGINT NOT NULL,
  billing_period_end_s BIGINT NOT NULL,
  token VARCHAR NOT NULL,
  PRIMARY KEY (source_id, billing_period_start_s, billing_period_end_s)
);
