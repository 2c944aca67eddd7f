-- The payload column of the PostgreSQL schema (the packed record of rows COPYed there). On H2 the store writes the
-- columns through JDBC batches and leaves payload NULL; it reads both forms.
ALTER TABLE stratus_cost_record ADD COLUMN payload BINARY VARYING;
