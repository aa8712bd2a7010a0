-- One database per service (as in production, where each has its own cluster) and one for FerretDB.
CREATE DATABASE ejournal_identity;
CREATE DATABASE ejournal_journal;
CREATE DATABASE ejournal_diary;
CREATE DATABASE ejournal_archive;
CREATE DATABASE ferretdb;
