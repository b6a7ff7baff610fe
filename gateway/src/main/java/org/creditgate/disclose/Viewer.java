package org.creditgate.disclose;

/**
 * Who is looking a record up, as far as disclosure cares (API.md, "Roles"): the roles that may call the lookups.
 * {@code access.Role} maps onto it; providers and admins never see records through a lookup.
 */
public enum Viewer {
    /** The credit website, anyone: {@code public} fields, natural persons desensitised. */
    PUBLIC,
    /** 政务共享 users: {@code public} and {@code shared} fields. */
    GOVERNMENT,
    /** 信用服务机构: {@code public} fields, and {@code authorized} fields of categories the subject authorized it for. */
    AGENCY,
    /** 司法机关: every field in full, and archived (expired, repaired, deleted after an objection) records too. */
    JUDICIAL,
    /** The self-service portal acting for the subject itself: that subject's disclosed records, every field in full. */
    PORTAL
}
