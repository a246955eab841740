package questionnaires

// The fixed identifiers (docs/design.md, "Fixed identifiers"):
// analysts, catalogue rules and tests depend on them, so every questionnaire
// must use exactly these ids.
const (
	QSector            = "sector"
	QSize              = "size"
	QPlace             = "place"
	QMunicipality      = "municipality"
	QProvince          = "province"
	QAssociation       = "association"
	QTopics            = "topics"
	QCompanyName       = "company-name"
	QKVK               = "kvk-number"
	QEstablishment     = "establishment-number"
	QConsentStatistics = "consent-statistics"
	QConsentFollowUp   = "consent-follow-up"
	QConsentHandover   = "consent-handover"
)

// Sectors are the option ids of the sector question.
var Sectors = []string{
	"manufacturing", "retail", "wholesale", "hospitality", "construction", "media", "ict",
	"health", "agri", "business-services", "logistics", "education", "culture-recreation",
	"personal-services", "other",
}

// Sizes are the option ids of the size question (people working 15+ hours a
// week, owner included, as KVK counts).
var Sizes = []string{"zzp", "micro", "small", "medium", "large"}

// Municipalities are the option ids of the municipality question.
var Municipalities = []string{
	"blaricum", "eemnes", "gooise-meren", "hilversum", "huizen", "laren", "wijdemeren", "outside-region",
}

// OutsideRegion is the municipality id for businesses outside the region.
const OutsideRegion = "outside-region"

// Associations are the option ids of the association question.
var Associations = []string{"none", "local", "biz", "branch"}

// DimensionIDs are the EDIH DMA's six dimensions.
var DimensionIDs = []string{"strategy", "technology", "people", "data", "automation", "green"}

// QuadrantIDs: high impact + low readiness is vulnerable; a score equal to a
// threshold counts as high.
const (
	Vulnerable  = "vulnerable"
	Frontrunner = "frontrunner"
	LowUrgency  = "low-urgency"
	Prepared    = "prepared"
)

// QuadrantIDs lists the quadrants in display order.
var QuadrantIDs = []string{Vulnerable, Frontrunner, LowUrgency, Prepared}

// TechIDs are the advanced technologies of the 75% target.
var TechIDs = []string{"cloud", "ai", "data_analytics"}

// Consents are the three consent questions, each a separate yes/no.
var Consents = []string{QConsentStatistics, QConsentFollowUp, QConsentHandover}
