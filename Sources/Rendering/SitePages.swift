import Content

/// Every HTML page of a release, as jobs that can be rendered in any order, on any core.
enum SitePages {
    static func jobs(
        for site: Site, transitions: Transitions, changes: ReleaseChanges, versions: VersionSwitcher, history: ReleaseHistory
    ) -> [PageJob] {
        var jobs: [PageJob] = [
            front(site, changes: changes), releasesPage(versions), accessibilityStatement(site),
        ]
        jobs += changesPages(changes)
        jobs += setsIndex(site)
        jobs += site.sets.flatMap { set($0, site) }
        jobs += printEdition(PrintEdition(site))
        jobs += site.sets.flatMap { printEdition(PrintEdition(site, set: $0)) }
        let tasks = TaskListing(site)
        jobs += site.recommendations.map {
            recommendation($0, site, transitions: transitions, tasks: tasks, history: history, versions: versions)
        }
        jobs += site.recommendations.map { shortLink($0) }
        jobs += [partiesIndex(site), matricesFolder()]
        jobs += site.sets.flatMap { matrix($0, site) }
        jobs += site.parties.flatMap { party($0, site, transitions: transitions) }
        jobs.append(transitionsIndex(transitions))
        jobs += transitions.all.flatMap { transition($0, site) }
        if !tasks.tasks.isEmpty { jobs += tasksPages(tasks) }
        jobs.append(meetingsIndex(site))
        jobs += site.meetings.map { meeting($0) }
        jobs.append(checklistsIndex(site))
        jobs += site.checklists.map { checklist($0) }
        jobs += hearings(site)
        jobs += site.pages.map { page($0) }
        jobs.append(notFound(site))
        return jobs
    }

    /// The page types that list many recommendations (each is one long task).
    static let listingTemplates: Set<String> = ["front", "sets", "set", "parties", "matrix", "party", "tasks", "transition", "print"]

    static let home = Crumb(label: "Forside", folder: "")
    static let recommendationsCrumb = Crumb(label: "Anbefalinger", folder: Route.recommendations)
    static let partiesCrumb = Crumb(label: "Hvem gjør hva", folder: Route.parties)
    static let transitionsCrumb = Crumb(label: "Overganger", folder: Route.transitions)
    static let meetingsCrumb = Crumb(label: "Møter", folder: Route.meetings)

    // MARK: Front page and free pages

    /// `sok/`: the search (`assets/search.js` over the index in `sok/`, see `SearchIndex`), with
    /// the filters as a form that also works as plain links.
    static func searchPage(_ site: Site) -> PageJob {
        PageJob(folder: Route.search, template: "search", title: "Søk", section: nil, crumbs: [home]) { context in
            view([
                "searchScript": context.file("assets/search.js"),
                "wordsScript": context.file("assets/words.js"),
                "filterParties": site.parties.filter { site.dutyCount(of: $0.id.value) > 0 }.map {
                    view(["id": $0.id.value, "name": $0.name.value])
                },
                "filterStatuses": Status.allCases.filter { status in site.recommendations.contains { $0.status.value == status } }.map {
                    view(["label": $0.label])
                },
                "filterSets": site.sets.filter { !site.recommendations(inSet: $0.slug).isEmpty }.map { view(["title": $0.title.value]) },
            ])
        }
    }

    /// `tilgjengelighet/`: the accessibility statement that Norwegian public sites publish, from `site.yml`.
    static func accessibilityStatement(_ site: Site) -> PageJob {
        PageJob(folder: Route.accessibility, template: "accessibility", title: "Tilgjengelighetserklæring", section: nil, crumbs: [home]) {
            context in
            let config = site.config
            return view([
                "siteURL": config.baseURL.value,
                "organisation": config.organisation?.value ?? config.title.value,
                "secretariat": config.secretariat?.value,
                "releaseDate": NorwegianDate.format(config.releaseDate.value),
                "releaseDateMachine": config.releaseDate.value.description,
            ])
        }
    }

    /// `utgivelser/`: every release in the output folder when this one was built.
    static func releasesPage(_ versions: VersionSwitcher) -> PageJob {
        PageJob(folder: Route.releases, template: "releases", title: "Alle utgaver", section: nil, crumbs: [home]) { context in
            view([
                "releases": versions.entries.map { entry in
                    view([
                        "release": entry.release,
                        "date": ContentDate(entry.date).map(NorwegianDate.format) ?? entry.date,
                        "dateMachine": entry.date,
                        "href": entry.pages == nil ? context.href("") : versions.href(entry, page: "index.html"),
                        "current": entry.pages == nil ? true : nil,
                    ])
                },
                "latestHref": versions.basePath + "latest/index.html",
            ])
        }
    }

    /// `endringer/`: what changed since the previous release, `Pagination.pageSize` recommendations
    /// to a page (a release that changes everything, or a site whose reviews are all overdue,
    /// would otherwise make it as long as the site).
    static func changesPages(_ changes: ReleaseChanges) -> [PageJob] {
        let title = "Endringer i denne utgaven"
        return Pagination.pages(of: changes.listedCount, first: Route.changes).map { page in
            PageJob(
                folder: page.folder, template: "changes", title: page.title(title), section: nil, crumbs: page.crumbs([home], label: title)
            ) { context in
                changes.make(context, page: page)
            }
        }
    }

    /// The open consultations the front page lists, the soonest deadlines first; `horinger/` has
    /// them all (a site with thousands on consultation would otherwise get a front page as long).
    static let frontHearings = 5

    static func front(_ site: Site, changes: ReleaseChanges) -> PageJob {
        PageJob(folder: "", template: "front", title: site.index.title.value, description: site.index.description?.value, section: .front) {
            context in
            let upcoming = site.meetings.filter { CommonViews.isUpcoming($0, site: site) }
            let open = site.consultationsByState.open
            return view([
                "bodyHTML": context.html(site.index.document, pageIDs: PageIDs.front),
                "sets": site.sets.map { CommonViews.setSummary($0, context) },
                "upcomingMeetings": upcoming.map { CommonViews.meetingSummary($0, context) },
                "meetingsHref": context.href(Route.meetings),
                "partiesHref": context.href(Route.parties),
                "tasksHref": site.taskIDs.isEmpty ? nil : context.href(Route.tasks),
                "transitionsHref": context.href(Route.transitions),
                "printHref": context.href(Route.printEdition),
                "checklists": site.checklists.map { checklistLink($0, context) },
                "changes": changes.make(context, limit: 5),
                "hearings": open.prefix(frontHearings).map { HearingView.summary($0, context) },
                "hearingsShown": open.count > frontHearings ? view(["shown": frontHearings, "total": open.count]) : nil,
                "hearingsHref": context.href(Route.hearings),
                "hearingsScript": context.file("assets/hearings.js"),
            ])
        }
    }

    static func page(_ page: Page) -> PageJob {
        PageJob(
            folder: Route.path(of: page), template: "page", title: page.title.value, description: page.description?.value,
            section: .about, crumbs: [home]
        ) { context in
            view([
                "bodyHTML": context.html(page.document),
                "source": page.source?.value,
                "pages": context.site.pages.map { other in
                    view([
                        "label": other.title.value,
                        "href": context.href(Route.path(of: other)),
                        "current": other.slug == page.slug ? true : nil,
                    ])
                },
            ])
        }
    }

    static func notFound(_ site: Site) -> PageJob {
        // A server shows this page at any address, so its links cannot be relative: they lead
        // to `latest/` under the path of `base_url`.
        let root = basePath(site.config.baseURL.value) + "latest/"
        return PageJob(folder: "404.html", output: "404.html", template: "404", title: "Fant ikke siden", section: nil, root: root) {
            context in
            view([
                "recommendationsHref": context.href(Route.recommendations),
                "partiesHref": context.href(Route.parties),
            ])
        }
    }

    /// `https://example.org/moteplass/` → `/moteplass/`.
    static func basePath(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return "/" }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = String(rest[slash...])
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// `id/MO-FS-07/`: a stable short address that forwards to the recommendation.
    static func shortLink(_ recommendation: Recommendation) -> PageJob {
        PageJob(folder: Route.shortLink(recommendation.id.value), template: "redirect", title: recommendation.title.value, section: nil) {
            context in
            view(["targetHref": context.href(Route.path(of: recommendation))])
        }
    }

    // MARK: Recommendations

    /// `anbefalinger/`: every recommendation, set by set, `Pagination.pageSize` to a page. A set
    /// whose recommendations run over two pages has its heading on both; a set without any is
    /// shown where it comes in order.
    static func setsIndex(_ site: Site) -> [PageJob] {
        let all = site.recommendations
        // Where each set begins in the list of all recommendations, for the sets without any.
        var position = 0
        let starts = site.sets.map { set in
            defer { position += site.recommendations(inSet: set.slug).count }
            return position
        }
        let title = "Anbefalinger om samarbeid"
        return Pagination.pages(of: all.count, first: Route.recommendations).map { page in
            PageJob(
                folder: page.folder, template: "sets", title: page.title(title), section: .recommendations,
                crumbs: page.crumbs([home], label: title)
            ) { context in
                var groups: [(setSlug: String, items: [Recommendation])] = []
                for recommendation in all[page.range] {
                    if groups.last?.setSlug == recommendation.setSlug {
                        groups[groups.count - 1].items.append(recommendation)
                    } else {
                        groups.append((recommendation.setSlug, [recommendation]))
                    }
                }
                var blocks: [View] = []
                for (set, start) in zip(site.sets, starts) {
                    if let group = groups.first(where: { $0.setSlug == set.slug }) {
                        blocks.append(CommonViews.setSummary(set, context, listing: group.items))
                    } else if site.recommendations(inSet: set.slug).isEmpty, page.holds(start) {
                        blocks.append(CommonViews.setSummary(set, context, listing: []))
                    }
                }
                return view([
                    "sets": blocks,
                    "filterParties": site.parties.filter { site.dutyCount(of: $0.id.value) > 0 }.map {
                        view(["id": $0.id.value, "name": $0.name.value])
                    },
                    "filterScript": context.file("assets/filter.js"),
                    "printHref": context.href(Route.printEdition),
                    "pagination": page.navigation(context, items: "anbefalinger"),
                ])
            }
        }
    }

    /// `anbefalinger/<set>/`: the set's text (on its first page) and its recommendations.
    static func set(_ set: RecommendationSet, _ site: Site) -> [PageJob] {
        let members = site.recommendations(inSet: set.slug)
        return Pagination.pages(of: members.count, first: Route.path(of: set)).map { page in
            PageJob(
                folder: page.folder, template: "set", title: page.title(set.title.value), description: set.description?.value,
                section: .recommendations, crumbs: page.crumbs([home, recommendationsCrumb], label: set.title.value)
            ) { context in
                view([
                    "set": CommonViews.setSummary(set, context, listing: Array(members[page.range])),
                    "bodyHTML": page.number == 1 ? context.html(set.document) : nil,
                    "owner": CommonViews.partyLink(set.owner.value, context),
                    "source": set.source?.value,
                    "matrixHref": members.contains { !$0.responsible.isEmpty } ? context.href(Route.matrix(of: set)) : nil,
                    "printHref": context.href(Route.printEdition(of: set)),
                    "pagination": page.navigation(context, items: "anbefalinger"),
                ])
            }
        }
    }

    /// `utskrift/` and `anbefalinger/<set>/utskrift/`: the printed edition (`PrintEdition`), one
    /// page for each of its parts.
    static func printEdition(_ edition: PrintEdition) -> [PageJob] {
        var crumbs = [home, recommendationsCrumb]
        if let set = edition.set { crumbs.append(Crumb(label: set.title.value, folder: Route.path(of: set))) }
        return edition.parts.map { part in
            PageJob(
                folder: part.folder, template: "print", title: edition.title(part), section: .recommendations,
                crumbs: part.number == 1 ? crumbs : crumbs + [Crumb(label: edition.title(edition.parts[0]), folder: edition.first)]
            ) { context in
                edition.make(part, context: context)
            }
        }
    }

    static func recommendation(
        _ recommendation: Recommendation, _ site: Site, transitions: Transitions, tasks: TaskListing, history: ReleaseHistory,
        versions: VersionSwitcher
    ) -> PageJob {
        let set = site.set(slug: recommendation.setSlug)
        var crumbs = [home, recommendationsCrumb]
        if let set { crumbs.append(Crumb(label: set.title.value, folder: Route.path(of: set))) }
        return PageJob(
            folder: Route.path(of: recommendation), template: "recommendation", title: recommendation.title.value,
            section: .recommendations, crumbs: crumbs
        ) { context in
            let past = RecommendationView.history(recommendation, history: history, versions: versions, context: context)
            let values = RecommendationView.make(
                recommendation, set: set, transitions: transitions, tasks: tasks, changed: past["diff"] != nil, context: context)
            return values.merging(past) { a, _ in a }
        }
    }

    // MARK: Parties

    /// `ansvar/`: the matrix of each set, and the parties.
    static func partiesIndex(_ site: Site) -> PageJob {
        PageJob(folder: Route.parties, template: "parties", title: "Hvem gjør hva", section: .parties, crumbs: [home]) { context in
            view([
                "tasksHref": site.taskIDs.isEmpty ? nil : context.href(Route.tasks),
                "transitionsHref": context.href(Route.transitions),
                "matrices": site.sets.compactMap { set -> View? in
                    let rows = site.recommendations(inSet: set.slug).filter { !$0.responsible.isEmpty }.count
                    guard rows > 0 else { return nil }
                    return view([
                        "title": set.title.value,
                        "href": context.href(Route.matrix(of: set)),
                        "countLabel": rows == 1 ? "1 anbefaling" : "\(rows) anbefalinger",
                    ])
                },
                "parties": site.parties.map { party in
                    let count = site.dutyCount(of: party.id.value)
                    return view([
                        "name": party.name.value,
                        "id": party.id.value,
                        "href": context.href(Route.path(ofParty: party.id.value)),
                        "description": party.description?.value,
                        "dutyCount": count,
                        "dutyCountLabel": count == 1 ? "1 oppgave" : "\(count) oppgaver",
                        "hasDuties": count > 0 ? true : nil,
                    ])
                },
            ])
        }
    }

    /// `ansvar/sett/`, the folder of the matrices, leads to `ansvar/`, which lists them (for a
    /// reader who shortens the address).
    static func matricesFolder() -> PageJob {
        PageJob(folder: Route.setMatrices, template: "redirect", title: "Hvem gjør hva", section: nil) { context in
            view(["targetHref": context.href(Route.parties)])
        }
    }

    /// `ansvar/sett/<set>/`: who has duties in which of the set's recommendations, a row per
    /// recommendation and a column per party with a duty anywhere in the set (the same columns on
    /// every page of the set), with lists per party for phones and the party filter.
    static func matrix(_ set: RecommendationSet, _ site: Site) -> [PageJob] {
        let rows = site.recommendations(inSet: set.slug).filter { !$0.responsible.isEmpty }
        guard !rows.isEmpty else { return [] }
        let inSet = Set(rows.flatMap { $0.responsible.map(\.party.value) })
        let columns = site.parties.filter { inSet.contains($0.id.value) }
        let title = "Hvem gjør hva: " + set.title.value
        return Pagination.pages(of: rows.count, first: Route.matrix(of: set)).map { page in
            PageJob(
                folder: page.folder, template: "matrix", title: page.title(title), section: .parties,
                crumbs: page.crumbs([home, partiesCrumb], label: title)
            ) { context in
                let shown = rows[page.range]
                return view([
                    "setTitle": set.title.value,
                    "setHref": context.href(Route.path(of: set)),
                    "columns": columns.map { view(["name": $0.name.value, "href": context.href(Route.path(ofParty: $0.id.value))]) },
                    "rows": shown.map { recommendation in
                        let parties = Set(recommendation.responsible.map(\.party.value))
                        let href = context.href(Route.path(of: recommendation))
                        return view([
                            "id": recommendation.id.value,
                            "title": recommendation.title.value,
                            "href": href,
                            "partyIDs": columns.map(\.id.value).filter(parties.contains).joined(separator: " "),
                            // Only a cell with a duty has values: `{{#.duty}}` must not find the row's.
                            "cells": columns.map { party in
                                let id = party.id.value
                                guard parties.contains(id) else { return View() }
                                return [
                                    "duty": .object(
                                        view([
                                            "href": href + "#" + PageIDs.duty(ofParty: id),
                                            "label": "\(party.name.value) har en oppgave i \(recommendation.id.value)",
                                        ]))
                                ]
                            },
                        ])
                    },
                    "byParty": columns.map { party in
                        view([
                            "id": party.id.value,
                            "name": party.name.value,
                            "href": context.href(Route.path(ofParty: party.id.value)),
                            "recommendations": shown.filter { $0.responsible.contains { $0.party.value == party.id.value } }.map {
                                view([
                                    "id": $0.id.value, "title": $0.title.value,
                                    "href": context.href(Route.path(of: $0)) + "#" + PageIDs.duty(ofParty: party.id.value),
                                ])
                            },
                        ])
                    },
                    "filterParties": columns.map { view(["id": $0.id.value, "name": $0.name.value]) },
                    "filterScript": context.file("assets/filter.js"),
                    "pagination": page.navigation(context, items: "anbefalinger"),
                ])
            }
        }
    }

    /// `ansvar/<party>/`: every duty of the party, `Pagination.pageSize` to a page.
    static func party(_ party: Party, _ site: Site, transitions: Transitions) -> [PageJob] {
        let duties = site.duties(of: party.id.value)
        return Pagination.pages(of: duties.count, first: Route.path(ofParty: party.id.value)).map { page in
            PageJob(
                folder: page.folder, template: "party", title: page.title(party.name.value),
                description: party.description?.value, section: .parties,
                crumbs: page.crumbs([home, partiesCrumb], label: party.name.value)
            ) { context in
                var values = PartyView.make(party, duties: duties, page: page, context: context)
                // The transitions are the party's, not its duties': on the first page only.
                if page.number == 1 {
                    values["transitions"] = TransitionView.ofParty(party.id.value, transitions, context: context).map { .object($0) }
                }
                return values
            }
        }
    }

    // MARK: Transitions

    /// `overganger/`: which parties hand over to which, and how many recommendations say how.
    static func transitionsIndex(_ transitions: Transitions) -> PageJob {
        PageJob(folder: Route.transitions, template: "transitions", title: "Overganger", section: .parties, crumbs: [home, partiesCrumb]) {
            context in
            TransitionView.index(transitions, context: context)
        }
    }

    /// `overganger/<from>-<to>/`: one transition and the recommendations in force that cover it,
    /// `Pagination.drawnPageSize` to a page (each with its swimlane).
    static func transition(_ transition: Transition, _ site: Site) -> [PageJob] {
        let title = TransitionView.title(transition, site)
        let pages = Pagination.pages(of: transition.entries.count, first: Route.path(of: transition), size: Pagination.drawnPageSize)
        return pages.map { page in
            PageJob(
                folder: page.folder, template: "transition", title: page.title(title), section: .parties,
                crumbs: page.crumbs([home, partiesCrumb, transitionsCrumb], label: title)
            ) { context in
                TransitionView.page(transition, page: page, context: context)
            }
        }
    }

    /// `oppgaver/`: every task a duty names, the party that holds it and the recommendations that
    /// say so, `Pagination.pageSize` rows (`TaskListing`) to a page.
    static func tasksPages(_ tasks: TaskListing) -> [PageJob] {
        let title = "Oppgaver"
        return Pagination.pages(of: tasks.rows.count, first: Route.tasks).map { page in
            PageJob(
                folder: page.folder, template: "tasks", title: page.title(title), section: .parties,
                crumbs: page.crumbs([home, partiesCrumb], label: title)
            ) { context in
                TasksView.make(tasks, page: page, context: context)
            }
        }
    }

    // MARK: Meetings

    static func meetingsIndex(_ site: Site) -> PageJob {
        PageJob(folder: Route.meetings, template: "meetings", title: "Møter", section: .meetings, crumbs: [home]) { context in
            let upcoming = site.meetings.filter { CommonViews.isUpcoming($0, site: site) }
            let past = site.meetings.filter { !CommonViews.isUpcoming($0, site: site) }.reversed()
            let subscription = site.config.baseURL.value + "latest/" + Route.meetingsCalendar
            return view([
                "upcoming": upcoming.map { CommonViews.meetingSummary($0, context) },
                "past": past.map { CommonViews.meetingSummary($0, context) },
                "calendarHref": context.file(Route.meetingsCalendar),
                "webcalURL": "webcal://" + (subscription.range(of: "://").map { String(subscription[$0.upperBound...]) } ?? subscription),
                "meetingsScript": context.file("assets/meetings.js"),
            ])
        }
    }

    static func meeting(_ meeting: Meeting) -> PageJob {
        PageJob(
            folder: Route.path(of: meeting), template: "meeting", title: meeting.title.value, description: meeting.description?.value,
            section: .meetings, crumbs: [home, meetingsCrumb]
        ) { context in
            MeetingView.make(meeting, context: context)
        }
    }

    // MARK: Consultations

    /// `horinger/`: every consultation, the open ones first, then the closed (`HearingView.page`),
    /// `Pagination.pageSize` to a page.
    static func hearings(_ site: Site) -> [PageJob] {
        let (open, closed) = site.consultationsByState
        let title = "Høringer"
        return Pagination.pages(of: open.count + closed.count, first: Route.hearings).map { page in
            PageJob(
                folder: page.folder, template: "hearings", title: page.title(title), section: nil, crumbs: page.crumbs([home], label: title)
            ) { context in
                HearingView.page(site, open: open, closed: closed, page: page, context: context)
            }
        }
    }

    // MARK: Checklists

    static func checklistLink(_ checklist: Checklist, _ context: PageContext) -> View {
        view([
            "title": checklist.title.value,
            "href": context.href(Route.path(of: checklist)),
            "status": CommonViews.status(checklist.status.value),
            "version": checklist.version.value.description,
            "questionCount": checklist.questions.count,
        ])
    }

    static func checklistsIndex(_ site: Site) -> PageJob {
        PageJob(folder: Route.checklists, template: "checklists", title: "Sjekklister", section: .checklists, crumbs: [home]) { context in
            view(["checklists": site.checklists.map { checklistLink($0, context) }])
        }
    }

    static func checklist(_ checklist: Checklist) -> PageJob {
        PageJob(
            folder: Route.path(of: checklist), template: "checklist", title: checklist.title.value, section: .checklists,
            crumbs: [home, Crumb(label: "Sjekklister", folder: Route.checklists)]
        ) { context in
            ChecklistView.make(checklist, context: context)
        }
    }
}
