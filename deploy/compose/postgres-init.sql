-- One database per service (as in production, where each has its own cluster) and one for FerretDB.
CREATE DATABASE ejournal_identity;
CREATE DATABASE ejournal_journal;
CREATE DATABASE ejournal_diary;
CREATE DATABASE ejournal_archive;
CREATE DATABASE ferretdb;
-- FerretDB's prepared statements take the filtered key as a parameter: custom plans let the
-- read models' GIN lookup indexes (libs/read-store) serve them.
ALTER DATABASE ferretdb SET plan_cache_mode = force_custom_plan;
