import Content

/// Every HTML page of a release, as jobs that can be rendered in any order, on any core.
enum SitePages {
    static func jobs(
        for site: Site, transitions: Transitions, changes: ReleaseChanges, versions: VersionSwitcher, history: ReleaseHistory
    ) -> [PageJob] {
        var jobs: [PageJob] = [
            front(site, changes: changes), setsIndex(site), changesPage(changes), releasesPage(versions), accessibilityStatement(site),
        ]
        jobs += site.sets.map { set($0, site) }
        jobs += site.recommendations.map { recommendation($0, site, transitions: transitions, history: history, versions: versions) }
        jobs += site.recommendations.map { shortLink($0) }
        jobs.append(partiesIndex(site))
        jobs += site.parties.map { party($0, transitions: transitions) }
        jobs.append(transitionsIndex(transitions))
        jobs += transitions.all.map { transition($0, site) }
        if !site.taskIDs.isEmpty { jobs.append(tasksIndex(site)) }
        jobs.append(meetingsIndex(site))
        jobs += site.meetings.map { meeting($0) }
        jobs.append(checklistsIndex(site))
        jobs += site.checklists.map { checklist($0) }
        jobs += site.pages.map { page($0) }
        jobs.append(notFound(site))
        return jobs
    }

    /// The page types that list many recommendations (each is one long task).
    static let listingTemplates: Set<String> = ["front", "sets", "set", "parties", "party", "tasks"]

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
                "filterParties": site.parties.filter { !site.duties(of: $0.id.value).isEmpty }.map {
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

    /// `endringer/`: what changed since the previous release.
    static func changesPage(_ changes: ReleaseChanges) -> PageJob {
        PageJob(folder: Route.changes, template: "changes", title: "Endringer i denne utgaven", section: nil, crumbs: [home]) { context in
            changes.make(context)
        }
    }

    static func front(_ site: Site, changes: ReleaseChanges) -> PageJob {
        PageJob(folder: "", template: "front", title: site.index.title.value, description: site.index.description?.value, section: .front) {
            context in
            let upcoming = site.meetings.filter { CommonViews.isUpcoming($0, site: site) }
            return view([
                "bodyHTML": context.html(site.index.document, pageIDs: PageIDs.front),
                "sets": site.sets.map { CommonViews.setSummary($0, context, listingRecommendations: false) },
                "upcomingMeetings": upcoming.map { CommonViews.meetingSummary($0, context) },
                "meetingsHref": context.href(Route.meetings),
                "partiesHref": context.href(Route.parties),
                "tasksHref": site.taskIDs.isEmpty ? nil : context.href(Route.tasks),
                "transitionsHref": context.href(Route.transitions),
                "checklists": site.checklists.map { checklistLink($0, context) },
                "changes": changes.make(context, limit: 5),
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

    static func setsIndex(_ site: Site) -> PageJob {
        PageJob(
            folder: Route.recommendations, template: "sets", title: "Anbefalinger om samarbeid", section: .recommendations, crumbs: [home]
        ) { context in
            view([
                "sets": site.sets.map { CommonViews.setSummary($0, context) },
                "filterParties": site.parties.filter { !site.duties(of: $0.id.value).isEmpty }.map {
                    view(["id": $0.id.value, "name": $0.name.value])
                },
                "filterScript": context.file("assets/filter.js"),
            ])
        }
    }

    static func set(_ set: RecommendationSet, _ site: Site) -> PageJob {
        PageJob(
            folder: Route.path(of: set), template: "set", title: set.title.value, description: set.description?.value,
            section: .recommendations, crumbs: [home, recommendationsCrumb]
        ) { context in
            view([
                "set": CommonViews.setSummary(set, context),
                "bodyHTML": context.html(set.document),
                "owner": CommonViews.partyLink(set.owner.value, context),
                "source": set.source?.value,
            ])
        }
    }

    static func recommendation(
        _ recommendation: Recommendation, _ site: Site, transitions: Transitions, history: ReleaseHistory, versions: VersionSwitcher
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
                recommendation, set: set, transitions: transitions, changed: past["diff"] != nil, context: context)
            return values.merging(past) { a, _ in a }
        }
    }

    // MARK: Parties

    static func partiesIndex(_ site: Site) -> PageJob {
        PageJob(folder: Route.parties, template: "parties", title: "Hvem gjør hva", section: .parties, crumbs: [home]) { context in
            // The matrix: a row per recommendation with duties, a column per party that has any.
            let columns = site.parties.filter { !site.duties(of: $0.id.value).isEmpty }
            let rows = site.recommendations.filter { !$0.responsible.isEmpty }
            return view([
                "tasksHref": site.taskIDs.isEmpty ? nil : context.href(Route.tasks),
                "transitionsHref": context.href(Route.transitions),
                "columns": columns.map { view(["name": $0.name.value, "href": context.href(Route.path(ofParty: $0.id.value))]) },
                "rows": rows.map { recommendation in
                    let parties = Set(recommendation.responsible.map(\.party.value))
                    let href = context.href(Route.path(of: recommendation))
                    return view([
                        "id": recommendation.id.value,
                        "title": recommendation.title.value,
                        "href": href,
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
                        "name": party.name.value,
                        "href": context.href(Route.path(ofParty: party.id.value)),
                        "recommendations": rows.filter { $0.responsible.contains { $0.party.value == party.id.value } }.map {
                            view([
                                "id": $0.id.value, "title": $0.title.value,
                                "href": context.href(Route.path(of: $0)) + "#" + PageIDs.duty(ofParty: party.id.value),
                            ])
                        },
                    ])
                },
                "parties": site.parties.map { party in
                    let count = site.duties(of: party.id.value).count
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

    static func party(_ party: Party, transitions: Transitions) -> PageJob {
        PageJob(
            folder: Route.path(ofParty: party.id.value), template: "party", title: party.name.value,
            description: party.description?.value, section: .parties, crumbs: [home, partiesCrumb]
        ) { context in
            var values = PartyView.make(party, context: context)
            values["transitions"] = TransitionView.ofParty(party.id.value, transitions, context: context).map { .object($0) }
            return values
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

    /// `overganger/<from>-<to>/`: one transition and the recommendations in force that cover it.
    static func transition(_ transition: Transition, _ site: Site) -> PageJob {
        PageJob(
            folder: Route.path(of: transition), template: "transition", title: TransitionView.title(transition, site), section: .parties,
            crumbs: [home, partiesCrumb, transitionsCrumb]
        ) { context in
            TransitionView.page(transition, context: context)
        }
    }

    /// `oppgaver/`: every task a duty names, the party that holds it and the recommendations that say so.
    static func tasksIndex(_ site: Site) -> PageJob {
        PageJob(folder: Route.tasks, template: "tasks", title: "Oppgaver", section: .parties, crumbs: [home, partiesCrumb]) { context in
            TasksView.make(context)
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
