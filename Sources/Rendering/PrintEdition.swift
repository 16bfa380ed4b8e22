import Content

/// The printed edition: every recommendation in force (`Site.isInForce`) of the release
/// (`utskrift/`) or of one set (`anbefalinger/<set>/utskrift/`), in the site's order, with a
/// title page and a table of contents, each recommendation with its who-does-what table, status,
/// version, dates and text, made to be printed from a browser (a page break before each one).
///
/// A long edition is split into parts (`Pagination`, `partSize` recommendations to a part): the
/// first part keeps the edition's address and has the title page; part `n` is at
/// `<edition>side/<n>/`. Recommendations are numbered through the whole edition.
struct PrintEdition: Sendable {
    /// Recommendations in a full part. A recommendation printed here is its page without the
    /// chrome, the swimlane, the history and the lists around it: 4.9 kB on average and 5.8 kB at
    /// most in the generated corpus (`Benchmarks/make-corpus.py`: two to four duties, a handover,
    /// some 2 kB of text), so a part is about 120 kB with the page's own 10 kB. The first part also
    /// (like every part) lists every part (`make`), 230 bytes a part: 115 kB at 10,000 recommendations in force. That
    /// leaves room for bodies four times the corpus's (20 kB of HTML each, some five printed pages)
    /// in every recommendation of a part before one comes near 500 kB. Twenty recommendations are
    /// also a print job a reader can handle (some 40–60 sheets).
    static let partSize = 20

    let site: Site
    /// `nil` for the edition of the whole release.
    let set: RecommendationSet?
    /// The recommendations printed, in force and in the site's order (by set, then natural id order).
    let recommendations: [Recommendation]
    /// The folder of the first part.
    let first: String
    let parts: [Pagination]
    /// How many sets the recommendations come from.
    let setCount: Int

    init(_ site: Site, set: RecommendationSet? = nil, partSize: Int = PrintEdition.partSize) {
        self.site = site
        self.set = set
        let candidates = set.map { site.recommendations(inSet: $0.slug) } ?? site.recommendations
        recommendations = candidates.filter(site.isInForce)
        first = set.map(Route.printEdition(of:)) ?? Route.printEdition
        parts = Pagination.pages(of: recommendations.count, first: first, size: partSize)
        setCount = Set(recommendations.map(\.setSlug)).count
    }

    /// The edition's name, as the title page shows it.
    var heading: String { self.set?.title.value ?? "Alle gjeldende anbefalinger" }

    /// The page's title in the browser (and a part's, with its number).
    func title(_ part: Pagination) -> String {
        let title = set.map { "Utskrift: " + $0.title.value } ?? "Utskrift av alle gjeldende anbefalinger"
        return part.count == 1 ? title : "\(title) (del \(part.number) av \(part.count))"
    }

    /// The id of a recommendation's section; nothing else on the page has an id that starts with
    /// `anbefaling-` (sets' are `sett-`, body headings' `a<number>-`).
    static func anchor(of recommendation: Recommendation) -> String { "anbefaling-" + recommendation.id.value }

    /// "12 gjeldende anbefalinger".
    static func countLabel(_ count: Int) -> String {
        count == 1 ? "1 gjeldende anbefaling" : "\(count) gjeldende anbefalinger"
    }

    /// What `print.mustache` draws for one part.
    func make(_ part: Pagination, context: PageContext) -> View {
        let config = site.config
        let shown = Array(recommendations[part.range])
        let total = recommendations.count
        // The whole release groups its recommendations by set, under the set's title: one level
        // deeper than a set's edition.
        let grouped = set == nil
        let level = grouped ? 3 : 2
        var values = view([
            "heading": heading,
            "partLabel": part.count > 1 ? "Del \(part.number) av \(part.count)" : nil,
            "nothingInForce": total == 0 ? true : nil,
            "recommendationLevel": level,
            "subLevel": level + 1,
            "subSubLevel": level + 2,
        ])
        if part.number == 1 {
            values.merge(
                view([
                    "titlePage": view([
                        "siteTitle": config.title.value,
                        "organisation": config.organisation?.value,
                        "logoSrc": Branding.logoPath(site).map(context.file),
                        "release": config.release.value,
                        "releaseDate": NorwegianDate.format(config.releaseDate.value),
                        "releaseDateMachine": config.releaseDate.value.description,
                        "holds": holds(sets: setCount),
                        "address": config.baseURL.value + "v/" + config.release.value + "/" + first,
                        "contact": config.contact?.value,
                    ])
                ])
            ) { _, new in new }
        }
        if part.count > 1, part.number == 1 {
            // At 10,000 recommendations a line for each in the contents (about 150 bytes) would make
            // the first part alone 1.5 MB: the contents of a long edition list its parts instead,
            // each with its first and last recommendation (500 lines of about 230 bytes at 20 to a
            // part), and then the part's own recommendations. Only the first part lists them: on
            // every part, the lists alone were 57 MB of the 10,000's edition, and a tenth of the
            // build's time.
            values["parts"] = .object(
                view([
                    "count": part.count,
                    "items": parts.map { other in
                        let first = recommendations[other.range.lowerBound]
                        let last = recommendations[other.range.upperBound - 1]
                        return view([
                            "number": other.number,
                            "href": context.href(other.folder),
                            "current": other.number == part.number ? true : nil,
                            "range": "anbefaling \(other.range.lowerBound + 1)–\(other.range.upperBound)",
                            "firstLabel": first.id.value + " " + first.title.value,
                            "lastLabel": last.id.value + " " + last.title.value,
                        ])
                    },
                ]))
        } else if part.count > 1 {
            // A later part names itself and leads to the first (the title page and every part), and
            // to the parts before and after it.
            values["partOf"] = .object(
                view([
                    "number": part.number,
                    "count": part.count,
                    "firstHref": context.href(first),
                    "previousHref": context.href(Route.page(part.number - 1, of: first)),
                    "nextHref": part.number < part.count ? context.href(Route.page(part.number + 1, of: first)) : nil,
                ]))
        }
        var groups: [(set: RecommendationSet?, items: [(number: Int, recommendation: Recommendation)])] = []
        for (offset, recommendation) in shown.enumerated() {
            let number = part.range.lowerBound + offset + 1
            if let last = groups.last, !grouped || last.set?.slug == recommendation.setSlug {
                groups[groups.count - 1].items.append((number, recommendation))
            } else {
                groups.append((grouped ? site.set(slug: recommendation.setSlug) : nil, [(number, recommendation)]))
            }
        }
        let toc = groups.map { group in
            view([
                "setTitle": group.set?.title.value,
                "setHref": group.set.map { "#" + Self.setAnchor($0) },
                "start": group.items.first?.number,
                "entries": group.items.map { item in
                    view([
                        "number": item.number,
                        "id": item.recommendation.id.value,
                        "title": item.recommendation.title.value,
                        "href": "#" + Self.anchor(of: item.recommendation),
                    ])
                },
            ])
        }
        let blocks = groups.map { group in
            view([
                "set": group.set.map { set in
                    view([
                        "title": set.title.value,
                        "anchor": Self.setAnchor(set),
                        // A set whose recommendations began in the part before.
                        "continued": group.items.first.map { item in
                            item.number > 1 && recommendations[item.number - 2].setSlug == set.slug
                        } == true ? true : nil,
                    ])
                },
                "recommendations": group.items.map { item in
                    entry(item.recommendation, number: item.number, total: total, level: level, context: context)
                },
            ])
        }
        values.merge(view(["toc": toc, "groups": blocks])) { _, new in new }
        return values
    }

    static func setAnchor(_ set: RecommendationSet) -> String { "sett-" + set.slug }

    /// What the title page says the edition holds.
    private func holds(sets: Int) -> String {
        let left = "Anbefalinger på høring, trukne og erstattede anbefalinger er ikke med."
        guard !recommendations.isEmpty else {
            return (self.set == nil ? "Ingen anbefalinger" : "Ingen av settets anbefalinger") + " er gjeldende i denne utgaven. " + left
        }
        let count = Self.countLabel(recommendations.count)
        let what = self.set == nil ? count + (sets == 1 ? " fra 1 sett" : " fra \(sets) sett") : count + " i settet"
        return what + ", med hvem som gjør hva, status, versjon, datoer og hele teksten. " + left
    }

    /// One recommendation: the facts, who does what (the table, not the drawing: the table is what
    /// a screen reader and a printer both read) and the text.
    private func entry(_ recommendation: Recommendation, number: Int, total: Int, level: Int, context: PageContext) -> View {
        let document = recommendation.document
        return view([
            "number": number,
            "total": total,
            "anchor": Self.anchor(of: recommendation),
            "id": recommendation.id.value,
            "title": recommendation.title.value,
            "version": recommendation.version.value.description,
            "status": CommonViews.status(recommendation.status.value),
            "adopted": CommonViews.date(recommendation.adopted?.value),
            "review": CommonViews.date(recommendation.review?.value),
            "owner": CommonViews.partyLink(recommendation.owner.value, context),
            "href": context.href(Route.path(of: recommendation)),
            "source": recommendation.source?.value,
            "address": site.config.baseURL.value + "v/" + site.config.release.value + "/" + Route.path(of: recommendation),
            "duties": recommendation.responsible.map { responsibility in
                view([
                    "party": CommonViews.partyLink(responsibility.party.value, context),
                    "dutyHTML": context.inlineHTML(responsibility.duty, in: document),
                    "task": responsibility.task.map { view(["title": site.taskTitle($0.value)]) },
                ])
            },
            "handover": recommendation.handover.map { handover in
                view([
                    "from": CommonViews.partyLink(handover.from.value, context),
                    "to": CommonViews.partyLink(handover.to.value, context),
                    "when": handover.when?.value,
                ])
            },
            // The body's headings below the recommendation's title, with ids of their own (made as on
            // the recommendation's page, then prefixed), and its links to them leading there; a link
            // to another id of the recommendation's page leads to that page.
            "bodyHTML": context.html(
                document, pageIDs: PageIDs.recommendation(recommendation, changed: false), headingLevel: Int32(level + 1),
                idPrefix: "a\(number)-", fragmentsOn: Route.path(of: recommendation)),
        ])
    }
}
