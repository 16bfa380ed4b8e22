/// Where each page lives inside a release (SPEC §5). Paths are relative to the release root and
/// name the folder of a page, which is written as `<path>index.html`.
public enum Route {
    public static let recommendations = "anbefalinger/"
    public static let parties = "ansvar/"
    public static let tasks = "oppgaver/"
    public static let transitions = "overganger/"
    public static let meetings = "moter/"
    public static let checklists = "sjekkliste/"
    public static let shortLinks = "id/"
    public static let changes = "endringer/"
    public static let releases = "utgivelser/"
    public static let accessibility = "tilgjengelighet/"
    public static let search = "sok/"
    /// The consultations, open and closed, and the calendar of their deadlines.
    public static let hearings = "horinger/"
    public static let hearingsCalendar = "horinger.ics"
    /// The printed edition: `utskrift/` (every recommendation in force) and `anbefalinger/<set>/utskrift/`
    /// (a set's), which is why no free page and no recommendation may be called `utskrift`.
    public static let printFolder = "utskrift"
    public static let printEdition = printFolder + "/"
    /// The printed edition of one set, in the set's folder beside its recommendations.
    public static func printEdition(of set: RecommendationSet) -> String { path(of: set) + printFolder + "/" }

    /// Top-level names the site itself uses: a free page may not take one of them.
    public static let reservedNames: Set<String> = [
        "anbefalinger", "ansvar", "oppgaver", "overganger", "moter", "sjekkliste", "endringer", "id", "api", "assets", "sok",
        "tilgjengelighet", "v", "latest", "utgivelser", "404", "horinger", "utskrift",
    ]

    public static func path(of target: LinkTarget, in site: Site) -> String {
        switch target {
        case .index: ""
        case .set(let slug): recommendations + slug + "/"
        case .recommendation(let id): site.recommendation(id: id).map(path(of:)) ?? shortLink(id)
        case .meeting(let slug): meetings + slug + "/"
        case .checklist(let slug): checklists + slug + "/"
        case .page(let slug): slug + "/"
        }
    }

    public static func path(of recommendation: Recommendation) -> String {
        recommendations + recommendation.setSlug + "/" + recommendation.slug + "/"
    }

    public static func path(of set: RecommendationSet) -> String { recommendations + set.slug + "/" }
    public static func path(ofParty id: String) -> String { parties + id + "/" }
    /// `overganger/sykehus-fastlege/` (the folder name: `Transition.slug`).
    public static func path(of transition: Transition) -> String { transitions + transition.slug + "/" }
    /// Under `ansvar/`, beside the parties (which is why no party may be called `sett`).
    public static let setMatrices = parties + matrixFolder + "/"
    public static let matrixFolder = "sett"
    /// One set's who-does-what matrix.
    public static func matrix(of set: RecommendationSet) -> String { setMatrices + set.slug + "/" }
    /// The folder that holds a list's later pages (`anbefalinger/side/2/`), which is why no set and
    /// no recommendation may be called `side`.
    public static let pagesFolder = "side"
    /// Page `number` (from 1) of a list whose first page is `first`: the first page keeps its
    /// address, the others are `<first>side/<number>/`.
    public static func page(_ number: Int, of first: String) -> String {
        number <= 1 ? first : first + pagesFolder + "/" + String(number) + "/"
    }
    public static func path(of meeting: Meeting) -> String { meetings + meeting.slug + "/" }
    /// A meeting's calendar file, in its folder, and the calendar of all meetings.
    public static func calendar(of meeting: Meeting) -> String { path(of: meeting) + meeting.slug + ".ics" }
    public static let meetingsCalendar = "moter.ics"
    public static func path(of checklist: Checklist) -> String { checklists + checklist.slug + "/" }
    public static func path(of page: Page) -> String { page.slug + "/" }
    public static func shortLink(_ id: String) -> String { shortLinks + id + "/" }
}
