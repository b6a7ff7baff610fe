package org.creditgate.catalog;

/** Whether a record must carry a field: always, never, or only for one subject type (e.g. legal_rep for orgs). */
public enum Requirement {
    REQUIRED,
    OPTIONAL,
    REQUIRED_FOR_ORG,
    REQUIRED_FOR_PERSON;

    public boolean requiredFor(SubjectType subjectType) {
        return switch (this) {
            case REQUIRED -> true;
            case OPTIONAL -> false;
            case REQUIRED_FOR_ORG -> subjectType == SubjectType.ORG;
            case REQUIRED_FOR_PERSON -> subjectType == SubjectType.PERSON;
        };
    }
}
