"""Phrase banks of the synthetic corpus (`bench.synthetic`): outlets, names, topics, grammar.

All original writing: fictional outlets, places and people. Kept apart from the generator so the
data reads as tables and the logic stays short.

Template syntax: ``{slot}`` is filled from the story (names, places, the organisation) or drawn
afresh at each use (numbers, dates, grammar parts); ``[a|b|c]`` picks one option at each use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Site:
    """One fictional outlet and the lines it prints around every article."""

    slug: str
    name: str
    sections: tuple[str, ...]
    nav_sep: str
    share: str
    newsletter: str
    related: str  # label before a related headline
    copyright: str  # "{year}" is filled in
    byline: str  # "{author}" is filled in
    dateline: str  # "{date}" is filled in
    extra: str  # one more site-specific line (advert slot, appeal, back-to-top link)


@dataclass(frozen=True, slots=True)
class Topic:
    """The vocabulary of one kind of story."""

    name: str
    kinds: tuple[str, ...]  # organisations: "the {place} {kind}"
    roles: tuple[str, ...]  # the official's job
    things: tuple[str, ...]  # what the story is about
    groups: tuple[str, ...]  # who is affected
    headlines: tuple[str, ...]
    facts: tuple[str, ...]  # topic-specific sentences


# fmt: off
SITES: tuple[Site, ...] = (
    Site("harbour-gazette", "Harbour Gazette", ("News", "Waterfront", "Business", "Sport", "Opinion"),
         " | ", "Share this article", "Get the Gazette morning briefing in your inbox", "Related:",
         "© {year} Harbour Gazette Ltd. All rights reserved.", "By {author}", "Published {date}",
         "Back to top"),
    Site("northfield-courier", "Northfield Courier", ("Home", "Local", "Schools", "Farming", "Obituaries"),
         " › ", "Share this story: Facebook · X · Email", "Sign up for the Courier Daily newsletter",
         "Related:", "Copyright {year} Northfield Courier Media. All rights reserved.",
         "By {author}, Courier staff", "Posted {date}", "Advertisement"),
    Site("riverbend-post", "Riverbend Post", ("Front Page", "City", "County", "Sports", "Arts"),
         " / ", "Share on Facebook | Share on X | Copy link", "Subscribe to the Post for $1 a week",
         "Read more:", "© {year} The Riverbend Post. All rights reserved.", "{author} | Staff Writer",
         "Updated {date}", "Story continues below"),
    Site("summit-daily", "Summit Daily", ("News", "Mountains", "Tourism", "Schools", "Weather"),
         " · ", "Share this article",
         "Join 20,000 readers who get Summit Daily first thing every morning", "Related:",
         "© {year} Summit Daily Publishing Co.", "By {author}", "{date}", "Scroll to top"),
    Site("lakeshore-tribune", "Lakeshore Tribune", ("Local", "Region", "Lake Life", "Business", "Letters"),
         " | ", "Share: Facebook, X, LinkedIn, Email", "Sign up for our weekly Lakeshore Briefing",
         "Related:", "All content © {year} Lakeshore Tribune. All rights reserved.",
         "By {author}, Tribune reporter", "Published {date}", "Advertisement"),
    Site("prairie-dispatch", "Prairie Dispatch", ("News", "Agriculture", "Rural Life", "Markets", "Sport"),
         " › ", "Share this article", "Get the Dispatch newsletter every weekday at 6 a.m.",
         "More from the Dispatch:", "© {year} Prairie Dispatch Cooperative. All rights reserved.",
         "Written by {author}", "Posted on {date}", "Skip to content"),
    Site("capital-observer", "Capital Observer", ("Politics", "State House", "Courts", "Budget", "Opinion"),
         " | ", "Share this story", "Subscribe to the Observer's Capitol Notes newsletter",
         "Related:", "© {year} Capital Observer, a nonprofit newsroom.", "By {author}",
         "Published {date}", "Support independent journalism. Donate today."),
    Site("coastline-news", "Coastline News", ("Home", "Coast", "Fishing", "Environment", "Events"),
         " - ", "Share on Facebook · Share on X", "Sign up for Coastline News alerts", "Related:",
         "© {year} Coastline News Network. All rights reserved.", "{author} | Coastline News",
         "Updated {date}", "Story continues below advertisement"),
    Site("redwood-record", "Redwood Record", ("News", "Forests", "Schools", "Public Safety", "Community"),
         " | ", "Share this article", "Get the Record in your inbox: subscribe to our free newsletter",
         "Read more:", "Copyright © {year} Redwood Record. All rights reserved.",
         "By {author}, Record staff", "Posted {date}", "Advertisement"),
    Site("granite-herald", "Granite Herald", ("Local", "State", "Business", "Sports", "Weather"),
         " › ", "Share: Email | Facebook | X", "Sign up for The Herald Daily newsletter", "Related:",
         "© {year} Granite Herald Company. All rights reserved.", "By {author}", "Published {date}",
         "Back to top"),
    Site("eastbrook-chronicle", "Eastbrook Chronicle", ("News", "Neighborhoods", "Schools", "Health", "Arts"),
         " | ", "Share this story", "Subscribe now and get unlimited access to the Chronicle",
         "Related:", "© {year} Eastbrook Chronicle. All rights reserved.", "By {author}", "{date}",
         "Scroll to Top"),
    Site("valley-sentinel", "Valley Sentinel", ("Home", "News", "Valley", "Outdoors", "Obituaries"),
         " / ", "Share this article", "Get breaking news from the Sentinel: sign up for alerts",
         "Read more:", "© {year} Valley Sentinel Media Group. All rights reserved.",
         "{author} | Sentinel reporter", "Posted {date}", "Advertisement"),
    Site("metro-bulletin", "Metro Bulletin", ("Metro", "Transit", "Housing", "Business", "Culture"),
         " · ", "Share on X | Share on Facebook | Email", "Sign up for the Bulletin's evening newsletter",
         "Related:", "© {year} Metro Bulletin Syndicate. All rights reserved.", "By {author}",
         "Updated {date}", "Story continues below"),
    Site("ironbridge-times", "Ironbridge Times", ("News", "Industry", "Council", "Sport", "Heritage"),
         " | ", "Share this article", "Sign up to the Ironbridge Times newsletter", "Related:",
         "© {year} Ironbridge Times. All rights reserved.", "By {author}", "Published {date}",
         "Advertisement"),
    Site("westmoor-journal", "Westmoor Journal", ("Home", "News", "Moorland", "Schools", "What's On"),
         " › ", "Share: Facebook · X · WhatsApp", "Get the Journal free in your inbox every Friday",
         "More from the Journal:", "© {year} Westmoor Journal Ltd. All rights reserved.",
         "By {author}, Journal reporter", "Posted {date}", "Skip to content"),
    Site("bayside-reporter", "Bayside Reporter", ("Local", "Bay", "Business", "Schools", "Sports"),
         " | ", "Share this story", "Subscribe to the Reporter's morning newsletter", "Related:",
         "© {year} Bayside Reporter Inc. All rights reserved.", "{author} | Bayside Reporter",
         "Updated {date}", "Back to top"),
    Site("highland-examiner", "Highland Examiner", ("News", "Highlands", "Farming", "Roads", "Opinion"),
         " / ", "Share this article", "Sign up for the Examiner's weekly roundup", "Read more:",
         "Copyright {year} Highland Examiner. All rights reserved.", "By {author}",
         "Published {date}", "Advertisement"),
    Site("delta-ledger", "Delta Ledger", ("News", "River", "Farm", "Courts", "Sports"),
         " | ", "Share on Facebook · Share on X · Email", "Get the Ledger daily: subscribe for free",
         "Related:", "© {year} Delta Ledger Media. All rights reserved.", "By {author}, Ledger staff",
         "Posted {date}", "Story continues below advertisement"),
    Site("pinecrest-press", "Pinecrest Press", ("Home", "Town", "Schools", "Outdoors", "Events"),
         " › ", "Share this article", "Sign up for the Pinecrest Press newsletter", "Related:",
         "© {year} Pinecrest Press. All rights reserved.", "By {author}", "{date}", "Scroll to top"),
    Site("union-street-news", "Union Street News", ("City", "Labor", "Housing", "Courts", "Culture"),
         " · ", "Share this story: X, Facebook, Email", "Subscribe to Union Street News for full access",
         "Related:", "© {year} Union Street News Cooperative. All rights reserved.",
         "{author} | Union Street News", "Published {date}", "Support local news. Become a member."),
)

FIRST_NAMES = (
    "Ada", "Adrian", "Aisha", "Alma", "Amos", "Anika", "Arno", "Beatrix", "Bernard", "Bram",
    "Carmen", "Cato", "Celia", "Colm", "Dalia", "Darius", "Delphine", "Dorian", "Edda", "Elias",
    "Elsa", "Emeka", "Esme", "Ezra", "Fatima", "Felix", "Flora", "Gideon", "Greta", "Hamid",
    "Hana", "Hector", "Ida", "Ines", "Ivo", "Jasper", "Joanna", "Jonas", "Juno", "Kai",
    "Karin", "Kofi", "Lars", "Leila", "Linus", "Lorna", "Lucia", "Magnus", "Maren", "Mateo",
    "Mina", "Moritz", "Nadia", "Nils", "Noor", "Odile", "Oren", "Otto", "Paloma", "Priya",
    "Quentin", "Rafael", "Rhea", "Rosalind", "Rufus", "Sabine", "Samir", "Selma", "Silas", "Sunita",
    "Tamsin", "Teodor", "Thea", "Tobias", "Una", "Vera", "Viktor", "Wanda", "Yusuf", "Zora",
)
LAST_NAMES = (
    "Abernathy", "Achebe", "Alder", "Ambrose", "Ashdown", "Baptiste", "Barlow", "Bellweather",
    "Blackwood", "Brandt", "Calloway", "Castellano", "Chaudhry", "Corrigan", "Crane", "Dalgleish",
    "Delacroix", "Drummond", "Eastwick", "Ellery", "Fairbairn", "Falk", "Fenwick", "Garrow",
    "Greaves", "Halvorsen", "Hargreave", "Hollis", "Ibsen", "Iwu", "Jablonski", "Kaplan",
    "Kestrel", "Kowalczyk", "Lachance", "Lindqvist", "Lockhart", "Mabry", "Marchetti", "Mbeki",
    "Merriweather", "Moorcroft", "Nakamura", "Novak", "Okafor", "Oyelaran", "Pemberton",
    "Pettigrew", "Quarrie", "Quell", "Radcliffe", "Rasmussen", "Rowntree", "Salazar",
    "Sandoval", "Sorensen", "Stavros", "Tallis", "Thorne", "Trevelyan", "Underhill", "Vance",
    "Varga", "Verhoek", "Wainwright", "Whitcombe", "Winterbourne", "Wolcott", "Yardley", "Zeller",
)
PLACE_STEMS = (
    "Ash", "Bramble", "Carr", "Dun", "Elm", "Fal", "Glen", "Hart", "Iver", "Kel",
    "Lin", "Mar", "Nor", "Oak", "Pen", "Quarry", "Rook", "Sal", "Thorn", "Ul",
    "Wen", "Wick", "Yar", "Alder", "Birch", "Cole", "Dray", "Fern", "Gold", "Holt",
    "Kings", "Lark", "Mill", "Ned", "Orr", "Pike", "Red", "Stan", "Tarn", "Whit",
)
PLACE_SUFFIXES = (
    "ford", "wick", "haven", "field", "bury", "ton", "mouth", "brook", "dale", "port",
    "stead", "ley", "more", "crest", "water", "bridge", "moor", "wood",
)
PLACE_PREFIXES = ("", "", "", "", "North ", "South ", "East ", "West ", "Port ", "Upper ")
STREET_NAMES = (
    "Quay", "Mill", "Station", "Anchor", "Ridgeback", "Market", "Canal", "Orchard", "Church",
    "Foundry", "Harbor", "Elm", "Tanner's", "College", "Riverside", "Granary", "Beacon", "Chapel",
    "Ropewalk", "Brewery", "Cooper", "Salt", "Tollgate", "Wharf", "Kiln", "Lantern", "Pottery",
    "Weaver", "Bellfield", "Cinder",
)
STREET_KINDS = (
    "Street", "Lane", "Road", "Row", "Walk", "Avenue", "Parade", "Drive", "Hill", "Square", "Way",
    "Yard",
)
UNIVERSITIES = (
    "Saltmarsh University", "Brennan State College", "the University of the Western Reach",
    "Kellerbach Institute of Technology", "Ardell Community College", "Tamsin Valley University",
    "the Northern Polytechnic", "St. Aldric's College",
)
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CRITIC_ROLES = (
    "council member", "local business owner", "retired engineer", "opposition councillor",
    "community organizer", "parish clerk", "former mayor", "block captain",
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "transit",
        ("Transit Authority", "Regional Transport Board", "Rail Partnership", "Bus Cooperative"),
        ("transit director", "board chair", "chief operating officer", "service planner"),
        ("bus depot", "light rail extension", "weekend fare cap", "park-and-ride garage",
         "night bus network", "tram line", "commuter rail timetable", "ferry service",
         "bike lane corridor", "station accessibility program"),
        ("commuters", "bus drivers", "riders with disabilities", "night-shift workers",
         "students", "shop owners along the route"),
        ("{Place} Approves {Money} {Thing} Plan", "Riders Push Back on {Place} {Thing}",
         "{Thing} in {Place} Delayed Until {Month}", "{Place} {Kind} Votes to Expand {Thing}"),
        ("Ridership on the {thing} [fell|rose|climbed|slipped] to about {count} trips a day "
         "[last year|in {month}|over the winter], [according to|based on] figures from {org}.",
         "The route would [link|connect|tie] {place} with {place2}, cutting the journey to "
         "{small} minutes [at peak times|on weekdays|for most riders].",
         "{p1} said the [first|new|extra] vehicles would [arrive|be delivered|enter service] "
         "[by|before|in] {month} {year2}, [if|provided] the [state|county] grant comes through.",
         "Drivers [complained|warned|said] that the current {thing} [forces|leaves] {group} "
         "[waiting|stranded] [for up to|as long as] {small} minutes in [bad weather|the dark].",
         "[Fares|Tickets] would [stay at|rise to|be capped at] ${smalldec} [a ride|per trip|for "
         "a day pass] under the [proposal|plan|scheme]."),
    ),
    Topic(
        "housing",
        ("Housing Trust", "Planning Commission", "Tenants' Association", "Housing Authority"),
        ("housing commissioner", "planning director", "deputy mayor for housing", "trust chair"),
        ("affordable housing tower", "rent stabilization rule", "tenant protection ordinance",
         "mixed-income development", "short-term rental ban", "social housing program",
         "zoning overhaul", "starter-home scheme", "eviction prevention fund"),
        ("renters", "first-time buyers", "landlords", "older homeowners", "young families",
         "tenants in older buildings"),
        ("{Place} Unveils {Money} {Thing}", "Rents in {Place} Climb as {Thing} Stalls",
         "{Place} {Kind} Backs {Thing} After Long Debate", "Tenants Rally Against {Place} {Thing}"),
        ("Median rent in {place} [reached|hit|climbed to] ${rent} a month [in {month}|last "
         "quarter|this spring], up {pct} percent [on the year|from a year earlier].",
         "The {thing} would [add|create|deliver] about {count} [homes|units|apartments] on "
         "[a former|an empty|the old] [rail yard|car park|warehouse site] near {street}.",
         "{p2} [said|argued|warned] the [rule|plan|measure] would [push|drive] {group} "
         "[out of|away from] [neighborhoods|streets|districts] they have lived in for decades.",
         "[About|Roughly|Nearly] {pct} percent of the [new|planned] units would be [reserved "
         "for|set aside for|offered to] households earning [less than|under] ${rent}0 a year.",
         "The waiting list for [social|public|subsidized] housing in {place} [now stands at|has "
         "grown to|is] {count} [households|families|applicants]."),
    ),
    Topic(
        "schools",
        ("School District", "Board of Education", "Teachers' Union", "Parent Council"),
        ("superintendent", "school board president", "head teacher", "union president"),
        ("school consolidation plan", "four-day school week", "new high school campus",
         "free breakfast program", "teacher pay deal", "school bus contract",
         "literacy tutoring scheme", "later start time", "special education review"),
        ("parents", "teachers", "pupils", "bus drivers", "classroom aides", "school nurses"),
        ("{Place} Schools Weigh {Thing}", "{Place} {Kind} Approves {Thing} After Marathon Meeting",
         "Parents Split Over {Place} {Thing}", "{Money} {Thing} Clears Key Vote in {Place}"),
        ("Enrollment in {place} has [fallen|dropped|declined] by {pct} percent since {year}, "
         "leaving [several|three|two] [buildings|schools|campuses] [half empty|under capacity].",
         "{p1} said the district would [hold|run|host] {small} [listening sessions|public "
         "forums|open evenings] before the [final vote|board decides|plan is adopted].",
         "[Test scores|Reading scores|Attendance figures] at {place}'s [primary|middle|high] "
         "schools [improved|rose|slipped] by {pct} points [last year|in {year}|this term].",
         "The [union|teachers' union|staff association] [says|argues|has warned] that "
         "{count} [posts|teaching jobs|positions] remain unfilled across the district.",
         "Buses would [leave|depart|run] [earlier|later] under the {thing}, with the first "
         "[pickups|stops] at {clock} [in the morning|a.m.]."),
    ),
    Topic(
        "health",
        ("Health Department", "Regional Hospital Trust", "Community Clinic Network",
         "Board of Health"),
        ("health commissioner", "hospital chief executive", "medical director", "chief nurse"),
        ("rural clinic", "emergency room expansion", "mental health crisis line",
         "vaccination drive", "maternity ward closure", "mobile dental van",
         "ambulance response plan", "addiction treatment center", "hospital merger"),
        ("patients", "nurses", "older residents", "new mothers", "paramedics",
         "families without a car"),
        ("{Place} {Thing} to Open in {Month}", "Nurses Warn Over {Place} {Thing}",
         "{Place} {Kind} Secures {Money} for {Thing}", "Wait Times Grow as {Place} Weighs {Thing}"),
        ("Average waits in the emergency department at {place} [reached|stretched to|hit] "
         "{small} hours [in {month}|last winter|on busy weekends].",
         "The {thing} will [employ|need|hire] about {count2} [staff|nurses and doctors|workers], "
         "[many of them|most of them|some] recruited from {place2}.",
         "{p1} said the [trust|department|network] had [treated|seen|registered] {count} "
         "[patients|cases|visits] [last year|in {year}|since {month}].",
         "[Ambulances|Paramedics|Crews] [took|needed] an average of {small} minutes to reach "
         "[callers|patients] in [outlying|rural|hill] [villages|areas] around {place}.",
         "The [state|regional|county] [grant|fund|budget] covers {pct} percent of the "
         "{thing}'s [first-year|running|building] costs."),
    ),
    Topic(
        "environment",
        ("Water Board", "Environmental Protection Office", "Conservation Trust",
         "Parks Department"),
        ("environmental officer", "chief ecologist", "parks director", "water board chair"),
        ("wetland restoration project", "river cleanup", "tree-planting program",
         "prescribed burn program", "flood barrier", "water recycling plant",
         "plastic bag ban", "oyster reef restoration", "air quality monitor network"),
        ("anglers", "farmers", "hikers", "homeowners near the river", "birdwatchers",
         "asthma sufferers"),
        ("{Place} Launches {Money} {Thing}", "Scientists Back {Place} {Thing}",
         "{Thing} Divides Residents of {Place}", "{Place} {Kind} Delays {Thing} Again"),
        ("Crews plan to [treat|restore|clear] about {count} acres of [woodland|marsh|riverbank] "
         "[around|near|upstream of] {place} [by {month}|over {small} years|this season].",
         "Water samples taken near {street} [showed|contained|recorded] {pct} times the "
         "[safe|permitted|recommended] level of [nitrates|bacteria|sediment].",
         "{p3}, who [studies|researches|teaches] [ecology|hydrology|forestry] at {uni}, "
         "said the {thing} [could|would|might] [take|need] {small} years to show results.",
         "[Volunteers|Students|Residents] [planted|collected|counted] {count} [saplings|bags of "
         "litter|birds] [in a single weekend|over the spring|since {month}].",
         "{org} [expects|estimates|says] the {thing} will [cut|reduce|lower] "
         "[flooding|runoff|pollution] by {pct} percent."),
    ),
    Topic(
        "courts",
        ("District Court", "Public Defender's Office", "County Prosecutor's Office",
         "Appeals Court"),
        ("county prosecutor", "public defender", "chief judge", "court administrator"),
        ("dredging injunction", "police records lawsuit", "zoning appeal",
         "wrongful dismissal case", "contract fraud trial", "class-action settlement",
         "jury selection reform", "bail hearing backlog", "eviction court pilot"),
        ("defendants", "jurors", "plaintiffs", "court clerks", "witnesses", "small landlords"),
        ("Judge Halts {Place} {Thing}", "{Place} {Thing} Heads to Appeals Court",
         "{Money} Settlement Ends {Place} {Thing}", "{Place} {Kind} Faces Questions Over {Thing}"),
        ("Judge {p3l} [wrote|ruled|found] that the [city|county|port] had [failed|not "
         "managed|been unable] to show its [work|case|figures] [before|ahead of] the hearing.",
         "The [case|lawsuit|complaint] was [filed|brought|lodged] in {month} {year} by {count2} "
         "{group} [represented by|working with|backed by] {org}.",
         "Lawyers for {p2l} said they would [appeal|challenge|contest] the [ruling|order|"
         "decision] within {small} days.",
         "The [backlog|queue|list] of [pending|open|unheard] cases in {place} [stood at|grew "
         "to|reached] {count} [at the end of|by|in] {month}.",
         "[A|The] [hearing|trial|ruling] on the {thing} is [expected|scheduled|set] for "
         "{month}, [court records show|according to court filings|the clerk said]."),
    ),
    Topic(
        "business",
        ("Chamber of Commerce", "Economic Development Agency", "Port Authority",
         "Small Business Alliance"),
        ("chamber president", "economic development director", "port director",
         "chief executive"),
        ("cold storage cooperative", "factory expansion", "data center", "downtown market hall",
         "shipping terminal", "craft brewery district", "tech incubator", "farmers' market",
         "shopping arcade redevelopment"),
        ("shop owners", "dock workers", "farmers", "job seekers", "bakers", "delivery drivers"),
        ("{Place} {Thing} to Bring {Count2} Jobs", "{Money} {Thing} Planned for {Place}",
         "{Place} Businesses Wary of {Thing}", "{Place} {Kind} Bets on {Thing}"),
        ("The {thing} is [expected|projected|forecast] to [create|bring|support] {count2} "
         "[jobs|full-time jobs|positions] [within|over] {small} years.",
         "[Sales|Revenue|Turnover] at [shops|stalls|businesses] on {street} [fell|rose|jumped] "
         "{pct} percent [during|over|in] the [summer|holiday season|first quarter].",
         "{p1} said [investors|backers|lenders] had [committed|pledged|raised] {money} "
         "[so far|to date|in the first round].",
         "[Rents|Leases|Energy bills] for small [businesses|traders|firms] in {place} have "
         "[doubled|risen sharply|climbed {pct} percent] since {year}.",
         "The [site|plot|building] on {street} has [stood empty|been vacant|been unused] "
         "since the [old|former] [mill|cannery|department store] closed in {year}."),
    ),
    Topic(
        "budget",
        ("City Council", "County Commission", "Finance Committee", "Town Board"),
        ("finance director", "council leader", "county treasurer", "budget chair"),
        ("property tax increase", "road repair bond", "library funding cut", "pension shortfall",
         "emergency reserve", "parking fee hike", "sewer upgrade levy", "capital spending plan",
         "hiring freeze"),
        ("taxpayers", "library staff", "retirees", "homeowners", "small landlords",
         "council employees"),
        ("{Place} Council Backs {Money} {Thing}", "{Thing} Looms as {Place} Budget Tightens",
         "{Place} {Kind} Rejects {Thing}", "Voters in {Place} to Decide on {Thing}"),
        ("The council voted {vote} on {weekday} [night|evening|afternoon] to [borrow|set aside|"
         "spend] {money} [on|for] the {thing}.",
         "[The average|A typical] household would [pay|see] about ${smalldec}0 [more|extra] a "
         "year, [finance staff|the treasurer|budget officers] [estimated|said|calculated].",
         "{p2}, [the only|one of two|a] [member|councillor|commissioner] to vote against, said "
         "the {thing} would crowd out [repairs|projects|services] on {street}.",
         "[Reserves|Savings|The rainy-day fund] [fell|dropped|shrank] to {money} at the end of "
         "{year}, the lowest level in {small} years.",
         "The {thing} [goes|will go|must go] to a [second|final|public] vote in {month}, "
         "[once|after|when] [bids|audits|consultations] [are in|are reviewed|have closed]."),
    ),
    Topic(
        "energy",
        ("Electric Cooperative", "Energy Commission", "Municipal Utility", "Grid Operator"),
        ("utility general manager", "energy commissioner", "grid engineer", "cooperative chair"),
        ("solar farm", "wind turbine array", "battery storage site", "district heating network",
         "power line upgrade", "rate increase", "heat pump subsidy", "hydro dam refit",
         "community solar program"),
        ("ratepayers", "farmers leasing land", "neighbors of the site", "line workers",
         "low-income households", "rural customers"),
        ("{Place} Approves {Money} {Thing}", "{Thing} Plan Sparks Fight in {Place}",
         "{Place} {Kind} Seeks {Thing}", "Power Bills in {Place} to Rise With {Thing}"),
        ("The {thing} would [produce|generate|store] enough [power|electricity] for about "
         "{count} homes, [according to|said] {org}.",
         "[Outages|Blackouts|Power cuts] [left|cut off] {count} [customers|homes|households] in "
         "{place} [without power|in the dark] for [up to|as long as] {small} hours.",
         "{p1} said [rates|bills|charges] would [rise|increase|go up] by {pct} percent [from|in|"
         "starting in] {month}.",
         "[Construction|Work|Installation] on the {thing} [near|outside|east of] {place2} "
         "[would|is due to|should] [begin|start] [in|by|after] {month} {year2}.",
         "The site covers about {count2} acres of [former|disused|rented] [farmland|quarry|"
         "airfield] [along|beside|off] {street}."),
    ),
    Topic(
        "culture",
        ("Arts Council", "Museum Trust", "Library Board", "Festival Committee"),
        ("museum director", "festival organizer", "head librarian", "arts council chair"),
        ("library reopening", "harbor festival", "museum extension", "mural project",
         "concert hall restoration", "lighthouse appeal", "film festival", "heritage trail",
         "community theater season"),
        ("volunteers", "local artists", "visitors", "schoolchildren", "musicians",
         "history buffs"),
        ("{Place} {Thing} Draws Record Crowds", "{Money} Boost for {Place} {Thing}",
         "{Place} {Kind} Unveils {Thing}", "After {Small} Years, {Place} {Thing} Returns"),
        ("About {count} [visitors|people|guests] [came|turned out|attended] on the [first|"
         "opening|final] [weekend|day|night], [organizers|staff|volunteers] said.",
         "The [building|hall|gallery] on {street} was [built|opened|designed] in {year0} and "
         "[closed|shut|was boarded up] in {year}.",
         "{p1} said [donations|ticket sales|grants] had [covered|paid for|raised] {money} "
         "[toward|of] the {thing}.",
         "[Artists|Students|Volunteers] from {place2} [spent|worked|took] {small} [weeks|months] "
         "[painting|restoring|cataloguing] the [walls|collection|archive].",
         "[Opening hours|Entry|Admission] will [be|stay|remain] [free|${small}|${smalldec}] for "
         "{group} [through|until|during] {month}."),
    ),
    Topic(
        "weather",
        ("Emergency Management Office", "Highways Department", "Coast Guard Station",
         "Fire Service"),
        ("emergency manager", "highways chief", "fire chief", "station commander"),
        ("winter storm", "flood warning", "heat wave response", "storm cleanup",
         "coastal erosion", "ice storm", "wildfire evacuation", "drought restrictions",
         "power restoration"),
        ("drivers", "coastal residents", "farmers", "outdoor workers", "campers",
         "people sleeping rough"),
        ("{Thing} Leaves {Count} Without Power in {Place}", "{Place} Braces for {Thing}",
         "{Place} Counts the Cost of {Thing}", "{Thing} Closes Roads Around {Place}"),
        ("[Winds|Gusts] of up to {small}0 [miles per hour|mph] [tore|ripped|blew] "
         "[roofs|branches|signs] [off|from|across] buildings on {street}.",
         "[Crews|Engineers|Teams] [restored|reconnected|brought back] power to {count} "
         "[homes|customers] [by|before] {weekday} [evening|morning|afternoon].",
         "{p1} [urged|asked|told] {group} to [stay off the roads|check on neighbors|avoid the "
         "seafront] [until|through] {weekday}.",
         "[Rainfall|Snowfall] of {small} [inches|centimeters] [fell|was recorded] in {place} in "
         "[under|less than|about] {small} hours.",
         "The [cost|bill|damage] [to|for] {org} is [estimated|put|thought to be] at {money}."),
    ),
    Topic(
        "agriculture",
        ("Farm Bureau", "Extension Office", "Growers' Cooperative", "Irrigation District"),
        ("extension agent", "cooperative manager", "farm bureau president", "crop scientist"),
        ("peach harvest", "irrigation quota", "grain elevator", "dairy cooperative",
         "frost damage relief", "orchard replanting scheme", "seasonal worker housing",
         "soil testing program", "cattle auction"),
        ("growers", "dairy farmers", "seasonal workers", "orchard owners", "ranchers",
         "beekeepers"),
        ("Frost Hits {Place} {Thing}", "{Place} Growers Seek {Money} in Aid",
         "{Place} {Kind} Cuts {Thing}", "{Thing} Offers Hope to {Place} Farmers"),
        ("Growers [lost|reported losing|estimate they lost] [up to|about|nearly] {pct} percent "
         "of their [buds|crop|yield] [after|during|in] the [frost|drought|hailstorm].",
         "{org} [tested|sampled|inspected] {count} [fields|orchards|farms] [around|near] "
         "{place} [this spring|last season|since {month}].",
         "{p1} said [prices|yields|bookings] [had|have] [fallen|risen|dropped] to ${smalldec} "
         "[a bushel|a pound|a head] [this week|in {month}|at the last auction].",
         "[Water|Irrigation|Allocation] [quotas|limits|rights] will [fall|be cut|shrink] to "
         "{pct} percent of normal [for|during] the [season|summer|year].",
         "[Many|Some|Several] {group} [plan to|intend to|may] [replant|sell|lease] [land|"
         "orchards|herds] [near|around|outside] {place2} [next year|by {month}]."),
    ),
)

# --- the sentence grammar: most of a body, built from short parts drawn at each use.
# Each part is one or two words, so nearly every word 3-gram spans two independent draws from
# lists of 40-80 entries or touches the story's own names: unrelated articles share a handful
# of 3-grams, as real news does, instead of a template's skeleton.

ADVERBS = (
    "quietly", "formally", "narrowly", "finally", "publicly", "reluctantly", "unanimously",
    "swiftly", "provisionally", "cautiously", "repeatedly", "openly", "belatedly", "briefly",
    "jointly", "largely", "partly", "firmly", "again", "already", "also", "effectively",
    "tentatively", "strongly", "initially", "eventually", "separately", "privately",
    "officially", "broadly", "sharply", "informally", "readily", "abruptly", "gradually",
    "hastily", "grudgingly", "warmly", "pointedly", "tacitly", "", "", "", "", "", "",
)
VERBS_PAST = (
    "approved", "rejected", "delayed", "questioned", "defended", "criticized", "endorsed",
    "reviewed", "revised", "funded", "shelved", "challenged", "welcomed", "opposed", "proposed",
    "backed", "paused", "expanded", "trimmed", "scrapped", "amended", "examined", "reopened",
    "blocked", "praised", "cited", "disputed", "debated", "postponed", "published", "drafted",
    "overhauled", "outlined", "unveiled", "extended", "narrowed", "tabled", "rewrote", "audited",
    "signed", "renewed", "cancelled", "accepted", "announced", "demanded", "requested",
    "championed", "condemned", "queried", "weighed", "studied", "costed", "curtailed",
    "ratified", "vetoed", "greenlit", "underwrote", "upheld", "overturned", "appealed",
    "contested", "modified", "simplified", "accelerated", "slowed", "capped", "doubled", "halved",
    "froze", "resubmitted",
)
VERBS_BASE = (
    "approve", "reject", "delay", "review", "revise", "fund", "shelve", "challenge", "expand",
    "trim", "scrap", "amend", "examine", "reopen", "block", "publish", "extend", "rewrite",
    "audit", "sign", "renew", "cancel", "accept", "announce", "ratify", "overturn", "appeal",
    "modify", "simplify", "cap", "raise", "lower", "double", "halve", "freeze", "stagger",
    "accelerate", "slow", "restructure", "reconsider", "pilot", "test", "monitor", "relocate",
    "redesign", "subsidize", "finance", "tender", "defer", "veto", "split", "merge",
)
PASSIVES = (
    "was approved", "was delayed", "was rejected", "was shelved", "was revised", "was leaked",
    "was published", "was challenged", "was withdrawn", "was redrafted", "was paused",
    "was extended", "was costed", "was audited", "was tabled", "was unveiled", "was scrapped",
    "was endorsed", "has stalled", "has slipped", "has grown", "has shrunk", "has changed",
    "remains unsigned", "remains disputed", "remains popular", "looks uncertain",
    "won support", "drew criticism", "lost momentum", "gained backers", "ran over",
)
NOUNS = (
    "budget", "timetable", "contract", "proposal", "review", "estimate", "funding", "plans",
    "design", "study", "schedule", "vote", "deadline", "audit", "report", "permit", "bond",
    "lease", "tender", "survey", "consultation", "application", "appeal", "ordinance", "rules",
    "targets", "fees", "subsidy", "grant", "loan", "forecast", "figures", "findings", "map",
    "route", "zoning", "boundary", "levy", "charges", "accounts", "strategy", "framework",
    "pilot", "roadmap", "guidelines", "agreement", "settlement", "allocation", "quota",
    "inquiry", "assessment", "projections", "specifications", "blueprint", "petition",
    "motion", "amendment", "shortlist", "waiver", "license", "inspection", "priorities",
    "safeguards", "exemptions", "penalties", "incentives", "timeline", "phasing", "financing",
)
ADJECTIVES = (
    "revised", "latest", "final", "draft", "disputed", "delayed", "original", "second",
    "updated", "sweeping", "controversial", "flagship", "preliminary", "independent",
    "detailed", "emergency", "provisional", "interim", "annual", "phased", "binding",
    "regional", "local", "statewide", "countywide", "proposed", "amended", "leaked",
    "confidential", "unpublished", "expanded", "simplified", "stricter", "looser", "higher",
    "lower", "cheaper", "costlier", "bolder", "modest", "ambitious", "temporary", "permanent",
    "joint", "separate", "rival", "competing", "fresh", "overdue", "", "", "", "", "",
)
CONNECTORS = (
    "for the {thing}", "on the {thing}", "behind the {thing}", "for {place}", "covering {place}",
    "affecting {group}", "in {place2}", "for the {thing2}", "from {org2}", "backed by {p1l}",
    "by {org}", "around {street}", "near {street2}", "for {group}", "with {p2l}", "", "", "",
)
ADJUNCTS = (
    "on {weekday}", "last {month}", "in {month}", "this week", "this spring", "last autumn",
    "despite protests", "despite {p2l}", "at {place2}", "in {place2}", "at {street}",
    "in private", "in public", "with {org2}", "without debate", "before {month}",
    "after {month}", "since {year}", "for {group2}", "under pressure", "amid complaints",
    "at {p3l}'s urging", "for {place}", "during {month}", "earlier", "yesterday", "again",
    "overnight", "near {street2}", "late {weekday}", "early {weekday}", "over {p2l}'s objections",
    "until {month}", "by {month}", "within weeks", "next {month}", "by consensus",
    "", "", "", "", "",
)
SAY = (
    "said", "added", "noted", "argued", "warned", "insisted", "conceded", "explained",
    "wrote", "acknowledged", "predicted", "cautioned", "suggested",
    "maintained", "claimed", "stressed", "recalled", "complained", "admitted", "agreed",
)
MODALS = (
    "would", "could", "might", "should", "will", "may", "must", "plans to", "hopes to",
    "wants to", "intends to", "refuses to", "aims to", "expects to", "promised to", "agreed to",
    "declined to", "voted to", "moved to", "sought to", "needs to", "ought to", "hopes to",
)
METRICS = (
    "ridership", "applications", "complaints", "costs", "bookings", "enrollment", "waiting times",
    "visitor numbers", "energy use", "rents", "sales", "arrests", "donations", "admissions",
    "emissions", "traffic", "turnout", "revenues", "spending", "claims", "vacancies", "fines",
    "repairs", "call volumes", "membership", "overtime", "inspections", "delays",
)
MOVES = (
    "rose", "fell", "climbed", "dropped", "jumped", "slipped", "grew", "shrank", "edged up",
    "edged down", "surged", "declined", "increased", "decreased", "tumbled", "recovered",
)
VERDICTS = (
    "was overdue", "was unaffordable", "was rushed", "remained unclear", "looked sound",
    "needed work", "was risky", "made sense", "overreached", "fell short", "was fair",
    "was premature", "came late", "could work", "was flawed", "was welcome", "looked shaky",
    "seemed sensible", "was reckless", "was prudent", "was timid", "was generous",
)
BODIES = (
    "council", "planners", "treasury", "mayor", "board", "voters", "residents", "auditors",
    "lawyers", "engineers", "inspectors", "commissioners", "trustees", "unions", "employers",
)
SUBJECTS = (
    "{p1}", "{p1l}", "{p2l}", "{p3l}", "the {r1}", "{org}", "{org2}", "{group}",
    "{place} officials", "{place}'s {body}", "{place2}'s {body}", "{p2}, a {r2},",
)
BODY_SUBJECTS = ("{org}", "{org2}", "{place}'s {body}", "{place2}'s {body}")
SPEAKERS = (
    "{p1l}", "{p2l}", "{p3l}", "the {r1}", "{p4}", "{p2}, a {r2},", "{p1}, the {r1},", "{p3}",
    "{p1}", "{p2}",
)
ACCORDING = (
    "{org} said", "{org2} estimated", "{p1l} said", "{p3l} estimated", "records show",
    "officials said", "{place}'s {body} said", "{p2l} claimed", "{org} reported",
)

DETERMINERS = ("the", "the", "its", "their", "this", "that")

#: Sentence patterns; lower-case grammar slots are drawn afresh at each use.
PATTERNS: tuple[str, ...] = (
    "{subj} {adv} {verb} {det} {adj} {noun} {connect} {adjunct}.",
    "{speaker} {say} {subj} {modal} {verb_base} {det} {adj} {noun} {connect}.",
    "{adjunct_lead}, {subj} {verb} {det} {adj} {noun} {connect}.",
    "{metric} {move} {change} {adjunct}, {according}.",
    "{det} {adj} {noun} {connect} {adv} {passive} {adjunct}.",
    "{body_subj}, which {adv} {verb} {det} {noun} {adjunct}, {verb} {det} {adj} {noun} {connect}.",
    "{speaker} {say} {det} {noun} {connect} {verdict}.",
    "{subj} {verb} {det} {adj} {noun}, and {subj} {verb} {det} {noun} {connect} {adjunct}.",
    "{metric} {connect} {move} {change} {adjunct}.",
    "{speaker} {say} {subj} {modal} {verb_base} {det} {noun} {adjunct}.",
)

# --- a few whole sentences per article: hand-written prose, each used at most once an article

GENERIC: tuple[str, ...] = (
    "{p1}, the {r1} [for|of|in] {place}, said on {weekday} that the {thing} would [be "
    "finished|go before the full council|open to the public|be put out to tender] by {month}.",
    "The [decision|vote|announcement] came after {count} {group} signed a [petition|letter|"
    "statement] asking {org} to [rethink|pause|speed up|rewrite] the {thing}.",
    "Under the [plan|proposal|deal], {org} would [spend|borrow|invest] {money} over {small} "
    "years, with [about|roughly|nearly] {pct} percent [coming from|paid by] [the state|federal "
    "grants|local fees].",
    "[Critics|Opponents|Skeptics], including {p2}, a {r2}, [argued|said|warned] that the {thing} "
    "[was rushed|had been poorly explained|would cost far more than promised|ignored {group}].",
    "A [spokesperson|spokeswoman|spokesman] for {org} [declined to comment|would not comment] on "
    "the [figures|claims|report], saying only that [talks were continuing|the review was "
    "ongoing|a statement would follow].",
    "{place} last [faced|fought over|debated] a similar [question|plan|proposal] in {year}, when "
    "[voters|the council|residents] [rejected|approved|shelved] a {thing2} by {small} votes.",
    "The {weekday} [meeting|hearing|session] [drew|attracted] about {count2} people, [many of "
    "whom|several of whom|most of whom] [stood|queued|waited] [for hours|in the rain|outside] "
    "to [speak|be heard|ask questions].",
    "{p1l} said the first [results|figures|findings] would be [published|released|shared] in "
    "{month}, and that {group} would be [consulted|kept informed|given a say] [throughout|at "
    "every step|before any change].",
    "{p4}, who has lived on {street} for {small} years, said the {thing} [was welcome|was a "
    "mistake|had been a long time coming|would change the neighborhood].",
    "[Neighboring|Nearby] {place2} [tried|adopted|abandoned] a [similar|comparable] {thing2} in "
    "{year}, and [its experience is|the results are] [often cited|widely quoted|still "
    "debated] [by both sides|in {place}|at meetings].",
    "{org2} [has|had] [backed|opposed|questioned] the {thing} [from the start|since "
    "{month}|for months], [citing|pointing to] [costs|delays|a lack of consultation].",
    "{p3}, [a professor|an economist|a researcher] at {uni}, said [such schemes|projects like "
    "this|these plans] [tend to|usually|rarely] [pay off|run over budget|win support] "
    "[within|after] {small} years.",
    "[More than|Over|Almost] {count} [comments|objections|letters] were [submitted|received|"
    "filed] during the [consultation|public comment period|review], [officials said|"
    "records show].",
    "[Residents|Neighbors|Business owners] on {street} [said|told the {outlet}|complained] "
    "they had [heard nothing|learned of the plan from a flyer|not been asked] [until|before] "
    "{month}.",
    "[Work|Talks|Planning] [on|over] the {thing} [began|started] in {year}, [but|and] [stalled|"
    "was delayed|slowed] [when|after] [costs rose|a contractor pulled out|{org2} objected].",
    "[By|Around|Shortly after] {clock} [on|that] {weekday}, [the|a] [queue|line|crowd] "
    "[stretched|ran] [along|down|around] {street}.",
)
QUOTE_OPENERS: tuple[str, ...] = (
    "We have [waited|argued|talked] [long enough|for {small} years|about this since {year}]",
    "Nobody in {place} [is against|opposes|wants to stop] the {thing}",
    "Every [winter|month|year] we [hold our breath|pay more|lose another {thing2}]",
    "The [numbers|figures|sums] [simply|just|still] do not add up",
    "[This|Today] is [a good day|a turning point|the start] for {place}",
    "I have [lived|worked|farmed] here for {small} years",
    "[People|Families|Our members] [are tired|are angry|are worried|feel ignored]",
    "[If|When] you [live|work] out on {street}, you [notice|feel] [every|each] [change|cut|delay]",
    "We [respect|accept|understand] the [decision|vote|ruling]",
    "[Frankly|Honestly|To be clear], {org} [got this wrong|has done its homework|moved too fast]",
    "[It|This] [will|could|should] [change|shape|decide] what {place} looks like for "
    "[decades|a generation|years]",
    "There is [no|little] [money|room|time] [left|to spare] for [mistakes|another delay]",
    "The {adj} {noun} {verdict}",
    "{subj} {modal} {verb_base} the {noun} {adjunct}",
)
QUOTE_CLOSERS: tuple[str, ...] = (
    "and {group} [deserve|need|want] [an answer|a say|better]",
    "but [nobody|no one] [has|had] [asked|consulted|told] us",
    "so [we|I] will [keep pushing|be watching closely|hold them to it]",
    "and [that|this] [matters|counts] [more than|far more than] [any|one] [vote|report]",
    "but the [devil|detail|cost] is in [the timetable|who pays|the small print]",
    "and [frankly|honestly] [it|that] [shows|tells you everything]",
    "which is why [we|I] [voted|argued|pushed] for [it|this|the {thing}]",
    "and [we|they] [cannot|must not] [let|allow] [that|it] [happen|slip] again",
    "and the [next|coming] {small} [months|years|weeks] will [tell|show] [whether|if] "
    "[it works|we were right]",
    "and {subj} {adv} {verb} the {noun} {connect}",
    "but the {noun} {connect} {verdict}",
)
# fmt: on
