package org.creditgate.disclose;

import io.vertx.core.Future;
import org.creditgate.audit.QueryEntry;
import org.creditgate.audit.QueryLogWriter;
import org.creditgate.calendar.PlatformCalendar;
import org.creditgate.catalog.Catalog;
import org.creditgate.catalog.Category;
import org.creditgate.catalog.SubjectType;
import org.creditgate.subject.CreditCode;
import org.creditgate.subject.IdNumber;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The lookup path: records from the cache or, for the misses, from the {@link RecordLoader}; the agency's
 * authorizations, visibility and projection per record, then the query log entry, durable before the answer is
 * released (fail closed).
 */
public final class LookupService {

    private final Catalog catalog;
    private final DisclosureQueries queries;
    private final SubjectCache cache;
    private final RecordLoader loader;
    private final QueryLogWriter queryLog;
    private final DisclosurePolicy policy;
    private final Clock clock;
    private final DisclosureMetrics metrics;

    public LookupService(Catalog catalog, DisclosureQueries queries, SubjectCache cache, RecordLoader loader,
                         QueryLogWriter queryLog, ObjectionPolicy objectionPolicy, Clock clock,
                         DisclosureMetrics metrics) {
        this.catalog = catalog;
        this.queries = queries;
        this.cache = cache;
        this.loader = loader;
        this.queryLog = queryLog;
        this.policy = new DisclosurePolicy(objectionPolicy);
        this.clock = clock;
        this.metrics = metrics;
    }

    public Future<LookupResult> lookup(String clientId, Viewer viewer, LookupRequest request) {
        LocalDate today = PlatformCalendar.today(clock);
        List<String> asked = request.subjects();
        int count = asked.size();
        SubjectType[] types = new SubjectType[count];
        // per asked position: the subject's records, from the cache now or from the database below
        SubjectRecords[] records = new SubjectRecords[count];
        Set<String> wanted = new LinkedHashSet<>(count * 2);
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = asked.get(i);
            types[i] = subjectType(code, today).orElse(null);
            if (types[i] == null) {
                continue;
            }
            boolean first = wanted.add(code);
            records[i] = cache.get(code);
            // a code asked twice may have been dropped from the cache between the two: then it is loaded too
            if (records[i] == null && (first || !misses.contains(code))) {
                misses.add(code);
            }
        }
        int hits = wanted.size() - misses.size();
        Future<Map<String, SubjectRecords>> loaded;
        if (misses.isEmpty()) {
            loaded = Future.succeededFuture(Map.of());
        } else {
            loaded = loader.load(misses);
        }
        Future<Map<String, Authorization>> authorized = authorizations(clientId, viewer, asked, records, misses);

        return Future.all(loaded, authorized).compose(ignored -> {
            Map<String, SubjectRecords> fresh = loaded.result();
            Map<String, Authorization> grants = authorized.result();
            Set<String> categoriesReturned = new TreeSet<>();
            Set<List<String>> listsAdded = Collections.newSetFromMap(new IdentityHashMap<>());
            long day = today.toEpochDay();
            List<LookupResult.SubjectResult> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String code = asked.get(i);
                if (types[i] == null) {
                    results.add(new LookupResult.SubjectResult(code, "INVALID_SUBJECT_CODE", null));
                    continue;
                }
                SubjectRecords subject = records[i] != null ? records[i] : fresh.get(code);
                SubjectView view = view(subject, code, types[i], viewer, grants.get(code), request, today, day);
                // views share their category lists (there are few): each distinct list is added once
                if (listsAdded.add(view.categories())) {
                    categoriesReturned.addAll(view.categories());
                }
                results.add(new LookupResult.SubjectResult(code, null, view));
            }
            metrics.lookedUp(viewer, count, hits, misses.size());
            UUID queryId = UUID.randomUUID();
            QueryEntry entry = new QueryEntry(queryId, clientId, viewer.name().toLowerCase(), request.channel(),
                    request.reason(), request.onBehalfOf(), List.copyOf(wanted), List.copyOf(categoriesReturned));
            return queryLog.append(entry).map(durable -> new LookupResult(queryId, results));
        });
    }

    /**
     * For an agency: the authorizations it holds, asked of the database only for subjects some agency is authorized
     * for (and for those not cached yet).
     */
    private Future<Map<String, Authorization>> authorizations(String clientId, Viewer viewer, List<String> asked,
                                                              SubjectRecords[] cached, List<String> misses) {
        if (viewer != Viewer.AGENCY) {
            return Future.succeededFuture(Map.of());
        }
        Set<String> mayBeAuthorized = new LinkedHashSet<>(misses);
        for (int i = 0; i < cached.length; i++) {
            if (cached[i] != null && cached[i].authorizationsInForce()) {
                mayBeAuthorized.add(asked.get(i));
            }
        }
        return mayBeAuthorized.isEmpty() ? Future.succeededFuture(Map.of())
                : queries.authorizations(clientId, mayBeAuthorized);
    }

    /**
     * A whole subject seen by a caller kind, or by an agency with a given authorization, is rendered once a day per
     * cached subject; a lookup asking for some categories only takes the slices of those records from it.
     */
    private SubjectView view(SubjectRecords records, String code, SubjectType type, Viewer viewer,
                             Authorization grant, LookupRequest request, LocalDate today, long day) {
        SubjectView whole = wholeView(records, code, type, viewer, grant, today, day);
        return request.categories().isPresent() ? whole.only(request.categories().get()) : whole;
    }

    /** The code as shown is worked out only when a view is rendered: a cached view needs no masked code. */
    private SubjectView wholeView(SubjectRecords records, String code, SubjectType type, Viewer viewer,
                                  Authorization grant, LocalDate today, long day) {
        if (records == null) {
            return ViewRenderer.render(Projection.subjectCodeFor(viewer, type, code), List.of());
        }
        if (grant != null) {
            return records.view(viewer, day, grant, () -> ViewRenderer.render(
                    Projection.subjectCodeFor(viewer, type, code), disclose(records, viewer, grant, today)));
        }
        SubjectView view = records.view(viewer, day);
        if (view == null) {
            view = ViewRenderer.render(Projection.subjectCodeFor(viewer, type, code),
                    disclose(records, viewer, null, today));
            records.keep(viewer, day, view);
        }
        return view;
    }

    private List<DisclosedRecord> disclose(SubjectRecords records, Viewer viewer, Authorization grant,
                                           LocalDate today) {
        if (records.records().isEmpty()) {
            return List.of();
        }
        List<DisclosedRecord> visible = new ArrayList<>();
        for (StoredRecord record : records.records()) {
            Optional<Category> category = catalog.category(record.category());
            if (category.isEmpty()) {
                continue;
            }
            boolean authorizedHere = grant != null && grant.covers(record.category());
            policy.disclose(category.get(), record, viewer, authorizedHere, today).ifPresent(visible::add);
        }
        return visible;
    }

    /** A person's ID number or an organisation's credit code; empty for anything else. */
    public static Optional<SubjectType> subjectType(String code) {
        return subjectType(code, LocalDate.now(PlatformCalendar.ZONE));
    }

    static Optional<SubjectType> subjectType(String code, LocalDate today) {
        if (code == null) {
            return Optional.empty();
        }
        // a code valid as both is treated as a person's: masking then errs on the side of the person
        if (IdNumber.isValid(code, today)) {
            return Optional.of(SubjectType.PERSON);
        }
        if (CreditCode.isValid(code)) {
            return Optional.of(SubjectType.ORG);
        }
        return Optional.empty();
    }
}
