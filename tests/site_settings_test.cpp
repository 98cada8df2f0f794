// site.yaml as read into the model (model/read_site_settings.cpp).
#include <catch2/catch.hpp>

#include "model/load_site.hpp"
#include "support.hpp"

using namespace lspgen::test;
namespace fs = std::filesystem;

namespace {

// The number the contact page's tel: link dials for `phone` as written.
std::string dialled(const std::string& phone) {
    TempDir tmp;
    write_file(tmp / "site.yaml", std::string(kSiteYaml) + "  phone: \"" + phone + "\"\n");
    lspgen::Diagnostics diagnostics;
    const auto site = lspgen::load_site(tmp.path(), "site", diagnostics);
    REQUIRE(site);
    return site->settings.contact.phone_number;
}

}  // namespace

TEST_CASE("site settings: contact.phone '01632 960201 (9am to 5pm)' dials 01632960201") {
    CHECK(dialled("01632 960201") == "01632960201");
    // What follows the number is for people, not for the phone.
    CHECK(dialled("01632 960201 (9am to 5pm)") == "01632960201");
    CHECK(dialled("0800 123 4567 ext. 12") == "08001234567");
    CHECK(dialled("01632 960201 or 01632 960202") == "01632960201");
    CHECK(dialled("9am to 5pm: 01632 960201") == "01632960201");
    CHECK(dialled("Freephone 0800 123 456") == "0800123456");
    // Brackets around an area code, and the (0) not dialled from abroad.
    CHECK(dialled("(01632) 960201") == "01632960201");
    CHECK(dialled("+44 (0)1632 960201") == "+441632960201");
    CHECK(dialled("+44 1632-960-201") == "+441632960201");
}

TEST_CASE("site settings: the contact page links '01632 960201 (9am to 5pm)' as tel:01632960201") {
    TempDir tmp;
    fs::copy(tests_dir() / "golden" / "examplefield", tmp / "site", fs::copy_options::recursive);
    std::string yaml = read_file(tmp / "site" / "site.yaml");
    const std::string phone = "phone: 01632 960001";
    const size_t at = yaml.find(phone);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, phone.size(), "phone: 01632 960201 (9am to 5pm)");
    write_file(tmp / "site" / "site.yaml", yaml);
    const RunResult run = run_lspgen({"build", (tmp / "site").string(), "-o",
                                      (tmp / "out").string(), "--now", "2009-03-01", "-q"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const std::string page = read_file(tmp / "out" / "contact" / "index.html");
    // The whole text shows; the link dials the number only.
    CHECK_THAT(page, Catch::Contains("<a href=\"tel:01632960201\">01632 960201 (9am to 5pm)</a>"));
}
