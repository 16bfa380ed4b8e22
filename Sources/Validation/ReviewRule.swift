import Content
import Diagnostics

/// `review-overdue`: a recommendation in force whose `review` date passed before the release date.
struct ReviewRule: ValidationRule {
    func check(_ site: Site) -> [Diagnostic] {
        let releaseDate = site.config.releaseDate.value
        return site.recommendations.compactMap { recommendation in
            guard site.isReviewOverdue(recommendation), let review = recommendation.review else { return nil }
            return Diagnostic(
                .reviewOverdue, at: review.location,
                "anbefalingen skulle vært revidert innen \(review.value), før utgivelsesdatoen \(releaseDate); revider den og sett ny `review:`-dato, eller trekk den tilbake"
            )
        }
    }
}
