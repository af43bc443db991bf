INSERT INTO faceplate_migrations.history
    (version, name, checksum, from_fingerprint, to_fingerprint, duration_s, applied_by, baseline,
     down_checksum)
VALUES
    (:version, :name, :checksum, :from_fingerprint, :to_fingerprint, :duration_s, :applied_by,
     :baseline, :down_checksum)
