package graphsim

// Embedded name lists for the demo generator. Plain slices: indexing is
// cheap and iteration order is fixed, so generation stays deterministic.

var firstNames = [...]string{
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
	"William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
	"Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
	"Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
	"Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Dorothy", "George", "Melissa", "Timothy", "Deborah",
	"Ronald", "Stephanie", "Edward", "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia",
	"Jacob", "Kathleen", "Gary", "Amy", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Anna",
	"Stephen", "Brenda", "Larry", "Pamela", "Justin", "Emma", "Scott", "Nicole", "Brandon", "Helen",
	"Benjamin", "Samantha", "Samuel", "Katherine", "Gregory", "Christine", "Alexander", "Debra", "Frank", "Rachel",
	"Patrick", "Carolyn", "Raymond", "Janet", "Jack", "Catherine", "Dennis", "Maria", "Jerry", "Heather",
	"Tyler", "Diane", "Aaron", "Ruth", "Jose", "Julie", "Adam", "Olivia", "Nathan", "Joyce",
	"Henry", "Virginia", "Douglas", "Victoria", "Zachary", "Kelly", "Peter", "Lauren", "Kyle", "Christina",
	"Noah", "Joan", "Ethan", "Evelyn", "Jeremy", "Judith", "Walter", "Megan", "Christian", "Andrea",
	"Keith", "Cheryl", "Roger", "Hannah", "Terry", "Jacqueline", "Austin", "Martha", "Sean", "Gloria",
	"Priya", "Wei", "Aisha", "Mateo", "Sofia", "Liam", "Chloe", "Hiroshi", "Fatima", "Diego",
	"Ingrid", "Omar", "Lucia", "Rahul", "Mei", "Kwame", "Elena", "Tomasz", "Amara", "Nikhil",
}

var lastNames = [...]string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
	"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
	"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
	"Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
	"Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
	"Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
	"Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
	"Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
	"Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
	"Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
	"Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
	"Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham", "Reynolds",
	"Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis",
	"Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall", "Owens", "Harrison",
	"Okafor", "Chen", "Nakamura", "Kowalski", "Haddad", "Singh", "O'Brien", "Lindqvist", "Mensah", "Novak",
}

// departments with typical job titles (first title is the most common one).
var departments = [...]struct {
	Name   string
	Titles []string
}{
	{"Operations", []string{"Operations Coordinator", "Operations Manager", "Office Manager", "Administrative Assistant"}},
	{"Sales", []string{"Account Executive", "Sales Representative", "Sales Manager", "Business Development Manager"}},
	{"Finance", []string{"Accountant", "Bookkeeper", "Controller", "Accounts Payable Specialist"}},
	{"Marketing", []string{"Marketing Specialist", "Marketing Manager", "Content Writer", "Graphic Designer"}},
	{"Customer Service", []string{"Customer Service Representative", "Support Specialist", "Team Lead"}},
	{"Human Resources", []string{"HR Generalist", "HR Manager", "Recruiter"}},
	{"IT", []string{"IT Coordinator", "Systems Administrator", "Help Desk Technician"}},
	{"Executive", []string{"Chief Executive Officer", "Chief Operating Officer", "Chief Financial Officer", "Executive Assistant"}},
	{"Production", []string{"Production Supervisor", "Technician", "Quality Inspector", "Planner"}},
	{"Legal", []string{"Paralegal", "Associate", "Legal Assistant"}},
}

// company is a fixed demo customer profile.
type companyProfile struct {
	Name, Domain string
	City, State  string
	Industry     string // drives departments and shared mailboxes
}

// Company name parts for tenants beyond the fixed profiles.
var companyPrefixes = [...]string{
	"Alder", "Beacon", "Birchwood", "Cascade", "Clearwater", "Cobalt", "Crescent", "Driftwood", "Elmstead", "Evergreen",
	"Fairview", "Foxglove", "Glenrock", "Golden Gate", "Highland", "Hillcrest", "Ironwood", "Juniper", "Keystone", "Lakemont",
	"Larkspur", "Maple Leaf", "Millbrook", "Mistral", "Northfield", "Oakridge", "Orchard", "Pinecrest", "Prairie", "Quarry",
	"Redwood", "Riverbend", "Rosewood", "Sagebrush", "Silverline", "Stonebridge", "Sunrise", "Tidewater", "Trillium", "Valley",
	"Westbrook", "Whitfield", "Windmill", "Yellowstone", "Aspen", "Bayshore", "Canyon", "Dovetail", "Emberly", "Fernhill",
}

var companySuffixes = [...]struct{ Name, Short string }{
	{"Dental Care", "dental"}, {"Family Medicine", "familymed"}, {"Law Group", "law"}, {"Accounting", "cpa"},
	{"Construction", "build"}, {"Realty", "realty"}, {"Insurance Agency", "insurance"}, {"Veterinary Hospital", "vet"},
	{"Logistics", "logistics"}, {"Engineering", "eng"}, {"Architects", "arch"}, {"Manufacturing", "mfg"},
	{"Auto Group", "auto"}, {"Credit Union", "cu"}, {"Pediatrics", "peds"}, {"Landscaping", "landscape"},
	{"Brewing Company", "brewing"}, {"Plumbing & Heating", "plumbing"}, {"Physical Therapy", "pt"}, {"Marketing", "marketing"},
}

var cities = [...]struct{ City, State string }{
	{"Portland", "OR"}, {"Seattle", "WA"}, {"Boise", "ID"}, {"Denver", "CO"}, {"Austin", "TX"},
	{"Madison", "WI"}, {"Raleigh", "NC"}, {"Columbus", "OH"}, {"Sacramento", "CA"}, {"Tucson", "AZ"},
	{"Burlington", "VT"}, {"Charleston", "SC"}, {"Omaha", "NE"}, {"Spokane", "WA"}, {"Asheville", "NC"},
}

// External partner domains for guests and contacts.
var externalDomains = [...]struct{ Company, Domain string }{
	{"Summit CPA Partners", "summitcpa.com"}, {"Keller Insurance Brokers", "kellerbrokers.com"},
	{"Northline Consulting", "northlineconsulting.com"}, {"Pacific Payroll Services", "pacificpayroll.com"},
	{"Brightside Marketing", "brightsidemktg.com"}, {"Atlas Office Supply", "atlasofficesupply.com"},
	{"Redline Couriers", "redlinecouriers.com"}, {"Granite Legal Services", "granitelegal.com"},
	{"Blue Sky Printing", "blueskyprint.com"}, {"Meadow Benefits Group", "meadowbenefits.com"},
	{"Coastal Facilities", "coastalfacilities.com"}, {"Ironclad Security", "ironcladsec.com"},
	{"outlook.com", "outlook.com"}, {"gmail.com", "gmail.com"},
}

// Shared / room / equipment mailbox names.
var sharedMailboxes = [...]struct{ Alias, Name string }{
	{"info", "Info"}, {"reception", "Reception"}, {"billing", "Billing"}, {"support", "Support"},
	{"hr", "Human Resources"}, {"careers", "Careers"}, {"accounts", "Accounts Payable"}, {"scheduling", "Scheduling"},
	{"marketing", "Marketing Team"}, {"noreply", "No Reply"}, {"orders", "Orders"}, {"office", "Front Office"},
}

var roomMailboxes = [...]struct{ Alias, Name string }{
	{"boardroom", "Boardroom"}, {"conf-a", "Conference Room A"}, {"conf-b", "Conference Room B"},
	{"training", "Training Room"}, {"huddle1", "Huddle Room 1"}, {"huddle2", "Huddle Room 2"},
}

var equipmentMailboxes = [...]struct{ Alias, Name string }{
	{"projector", "Portable Projector"}, {"van1", "Company Van 1"}, {"van2", "Company Van 2"}, {"laptopcart", "Laptop Cart"},
}

var deviceNames = [...]string{"iPhone 15", "iPhone 14", "Pixel 8", "Galaxy S23", "iPhone 13", "Galaxy A54", "iPhone 16"}
