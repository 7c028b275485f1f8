// straja coverage SENSORS [--area POLYGON.geojson | --country NAME] [--layers ...] [--agl|--amsl]
//   [--dem FILE...] [--rcs ...] [--cell M] [--out DIR] [--suggest K ...]
// The coverage audit (src/coverage, docs/formats/coverage.md), in the straja-coverage executable.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "coverage/area.h"
#include "coverage/coverage.h"
#include "coverage/gaps.h"
#include "coverage/gdal_terrain.h"
#include "coverage/map_png.h"
#include "coverage/report.h"
#include "coverage/sensor_set.h"
#include "coverage/world_atlas.h"

namespace straja::cli {
namespace {

struct CoverageArguments {
  std::string sensors;
  std::string area;
  std::string country;
  std::string borders;
  std::vector<double> layers_m = {100, 300, 1000, 3000, 10000};
  bool agl = false;
  bool amsl = false;
  std::vector<std::string> dem;
  std::vector<double> rcs_m2 = {0.01, 0.1, 1, 10};
  double cell_m = 1000.0;
  double threshold = 0.5;
  std::string out_dir = "coverage";
  int suggest = 0;
  std::string candidates;
  double candidate_grid_km = 25.0;
  double suggest_rcs = 1.0;
  int corridors = 5;
  std::vector<std::string> kinds;  ///< empty: every sensor
};

/// Larger grids would not fit in memory (a few bytes per cell, layer and RCS).
constexpr double kMaxCellLayers = 400e6;
/// Each candidate costs one sensor's horizon sweep and reach.
constexpr std::size_t kMaxCandidates = 5000;

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw CommandFailed(kExitUsage, path.string() + ": write failed");
}

template <typename T>
T unwrap(Result<T> result) {
  if (!result) throw CommandFailed(kExitUsage, result.error().message);
  return std::move(result).value();
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(decimals);
  out << value;
  return out.str();
}

void run_coverage(const CoverageArguments& args) {
  using namespace coverage;
  const auto started = std::chrono::steady_clock::now();
  auto progress = [&](const std::string& line) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "coverage [" << fixed(seconds, 1) << " s] " << line << '\n';
  };
  // Options.
  if (args.agl && args.amsl) throw CommandFailed(kExitUsage, "--agl and --amsl exclude each other");
  if (!args.area.empty() && !args.country.empty()) {
    throw CommandFailed(kExitUsage, "--area and --country exclude each other");
  }
  for (const double layer : args.layers_m) {
    if (!std::isfinite(layer) || layer < 0)
      throw CommandFailed(kExitUsage, "--layers: each layer must be >= 0 m");
  }
  for (const double rcs : args.rcs_m2) {
    if (!std::isfinite(rcs) || rcs <= 0)
      throw CommandFailed(kExitUsage, "--rcs: each RCS must be > 0 m^2");
  }
  if (args.layers_m.empty() || args.rcs_m2.empty()) {
    throw CommandFailed(kExitUsage, "--layers and --rcs need at least one value");
  }
  if (!(args.cell_m >= 10.0)) throw CommandFailed(kExitUsage, "--cell: at least 10 m");
  if (!(args.candidate_grid_km > 0.0))
    throw CommandFailed(kExitUsage, "--candidate-grid: must be > 0 km");
  if (args.suggest < 0) throw CommandFailed(kExitUsage, "--suggest: must be >= 0");
  if (!(args.threshold > 0.0 && args.threshold <= 1.0)) {
    throw CommandFailed(kExitUsage, "--threshold: in (0, 1]");
  }
  CoverageSettings settings;
  settings.layers_m = args.layers_m;
  std::sort(settings.layers_m.begin(), settings.layers_m.end());
  settings.rcs_m2 = args.rcs_m2;
  settings.reference = args.amsl ? HeightReference::kAmsl : HeightReference::kAgl;
  settings.pd_threshold = args.threshold;

  // Sensors and terrain.
  SensorSet sensors = unwrap(load_sensor_set(args.sensors));
  if (!args.kinds.empty()) {
    for (const std::string& kind : args.kinds) {
      if (!parse_sensor_kind(kind)) {
        throw CommandFailed(kExitUsage, "--kinds: '" + kind + "' is not psr3d, ssr or adsb");
      }
    }
    std::erase_if(sensors.sensors, [&](const sim::SensorSpec& spec) {
      return std::find(args.kinds.begin(), args.kinds.end(),
                       std::string(to_string(spec.info.kind))) == args.kinds.end();
    });
    if (sensors.sensors.empty()) {
      throw CommandFailed(kExitUsage, "--kinds: no sensor of those kinds in " + sensors.source);
    }
    std::string kinds;
    for (const std::string& kind : args.kinds) kinds += (kinds.empty() ? "" : ", ") + kind;
    sensors.notes.push_back("Only the sensors of kind " + kinds + " (--kinds).");
  }
  std::shared_ptr<const geo::Terrain> terrain = sensors.terrain;
  std::vector<std::string> dem_files = sensors.dem_files;
  if (!args.dem.empty()) {
    terrain = unwrap(load_dem_files(args.dem));
    dem_files = args.dem;
  }

  // Area and grid.
  Area area;
  BoundingBox box;
  if (!args.area.empty()) {
    area = unwrap(read_geojson_area(args.area));
  } else if (!args.country.empty()) {
    area = unwrap(
        load_country(args.borders.empty() ? default_borders_path() : args.borders, args.country));
  }
  if (!area.rings.empty()) {
    box = area.bounds().grown(2.0 * args.cell_m);
  } else {
    area.name = "the sensors' reach";
    box = BoundingBox{90, 180, -90, -180};
    for (const sim::SensorSpec& sensor : sensors.sensors) {
      const geo::Geodetic& site = sensor.info.site;
      const BoundingBox reach =
          BoundingBox{site.lat_deg, site.lon_deg, site.lat_deg, site.lon_deg}.grown(
              instrumented_range_m(sensor));
      box = {std::min(box.south_deg, reach.south_deg), std::min(box.west_deg, reach.west_deg),
             std::max(box.north_deg, reach.north_deg), std::max(box.east_deg, reach.east_deg)};
    }
  }
  const GeoGrid grid(box, args.cell_m);
  if (static_cast<double>(grid.cells()) *
          static_cast<double>(settings.layers_m.size() * settings.rcs_m2.size()) >
      kMaxCellLayers) {
    throw CommandFailed(
        kExitUsage, "--cell " + fixed(args.cell_m, 0) + " m gives " + std::to_string(grid.cells()) +
                        " cells: too many for the layers and RCS asked; use larger cells");
  }
  progress(std::to_string(sensors.sensors.size()) + " sensors from " + sensors.source + "; " +
           std::to_string(grid.rows()) + " x " + std::to_string(grid.columns()) + " cells of " +
           fixed(args.cell_m, 0) + " m over " + area.name + "; " +
           (terrain ? "terrain from " + std::to_string(dem_files.size()) + " DEM file(s)"
                    : std::string("smooth earth (no DEM)")));

  const CoverageResult result = compute_coverage(sensors.sensors, terrain.get(), grid,
                                                 rasterize(area, grid), settings, progress);

  // Gap analysis: corridors in the lowest layer per RCS; next sites.
  ReportContext context;
  context.sensors_source = sensors.source;
  context.area_name = area.name;
  context.terrain = terrain_statement(result, dem_files);
  context.notes = sensors.notes;
  if (!area.rings.empty()) {
    for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
      context.corridors.push_back(
          {r, uncovered_corridors(result, 0, r,
                                  static_cast<std::size_t>(std::max(0, args.corridors)))});
    }
  }
  if (args.suggest > 0) {
    const auto prototype =
        std::find_if(sensors.sensors.begin(), sensors.sensors.end(),
                     [](const auto& s) { return s.info.kind == SensorKind::kPsr3d; });
    sim::SensorSpec spec;
    spec.info.kind = SensorKind::kPsr3d;
    if (prototype != sensors.sensors.end()) {
      spec = *prototype;
    } else {
      context.notes.push_back(
          "No 3D radar among the sensors: suggested sites use the simulator's default psr3d "
          "parameters.");
    }
    const auto rcs_index = static_cast<std::size_t>(
        std::find(settings.rcs_m2.begin(), settings.rcs_m2.end(), args.suggest_rcs) -
        settings.rcs_m2.begin());
    if (rcs_index >= settings.rcs_m2.size()) {
      throw CommandFailed(kExitUsage,
                          "--suggest-rcs " + fixed(args.suggest_rcs, 3) + " is not among --rcs");
    }
    const std::vector<CandidateSite> candidates =
        !args.candidates.empty() ? unwrap(read_candidates(args.candidates, terrain.get()))
                                 : candidate_grid(result, args.candidate_grid_km, kDefaultMastM);
    if (candidates.empty())
      throw CommandFailed(kExitUsage, "--suggest: no candidate site inside the area");
    context.suggestion = suggest_sites(result, terrain.get(), spec, candidates, args.suggest, 0,
                                       rcs_index, progress);
    context.notes.push_back("Suggested sites are " +
                            std::string(prototype != sensors.sensors.end()
                                            ? "copies of " + prototype->info.id
                                            : "default 3D radars") +
                            " (its parameters, the candidate's site).");
  }

  // Outputs.
  progress("writing " + args.out_dir);
  const std::filesystem::path out(args.out_dir);
  std::error_code error;
  std::filesystem::create_directories(out / "geojson", error);
  std::filesystem::create_directories(out / "maps", error);
  if (error) throw CommandFailed(kExitUsage, args.out_dir + ": " + error.message());
  write_text(out / "coverage.csv", coverage_csv(result));
  for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
    for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
      const std::string name = layer_name(result, l, r);
      write_text(out / "geojson" / (name + ".geojson"),
                 coverage_geojson(result, l, r, context.terrain));
      const std::string svg = coverage_svg(result, area, l, r, context.terrain);
      write_text(out / "maps" / (name + ".svg"), svg);
      const Status png = write_svg_as_png((out / "maps" / (name + ".png")).string(), svg,
                                          coverage_png_texts(result, area, l, r, context.terrain));
      if (!png.ok()) {
        throw CommandFailed(kExitUsage,
                            (out / "maps" / (name + ".png")).string() + ": " + png.error().message);
      }
    }
  }
  std::string corridors_csv =
      "layer_m,reference,rcs_m2,rank,area_km2,border_km,border_lat_deg,border_lon_deg,centroid_lat_"
      "deg,centroid_lon_deg\n";
  for (const RcsCorridors& entry : context.corridors) {
    for (std::size_t i = 0; i < entry.corridors.size(); ++i) {
      const Corridor& c = entry.corridors[i];
      std::ostringstream row;
      row << settings.layers_m[0] << ',' << to_string(settings.reference) << ','
          << settings.rcs_m2[entry.rcs] << ',' << i + 1 << ',' << fixed(c.area_km2, 1) << ','
          << fixed(c.border_km, 1) << ',' << fixed(c.border_lat_deg, 5) << ','
          << fixed(c.border_lon_deg, 5) << ',' << fixed(c.centroid_lat_deg, 5) << ','
          << fixed(c.centroid_lon_deg, 5) << '\n';
      corridors_csv += row.str();
    }
  }
  write_text(out / "corridors.csv", corridors_csv);
  if (context.suggestion) {
    std::string csv = "rank,id,lat_deg,lon_deg,height_m,gain_km2,covered_km2,covered_fraction\n";
    for (std::size_t i = 0; i < context.suggestion->chosen.size(); ++i) {
      const SiteGain& g = context.suggestion->chosen[i];
      csv += std::to_string(i + 1) + "," + g.site.id + "," + fixed(g.site.site.lat_deg, 5) + "," +
             fixed(g.site.site.lon_deg, 5) + "," + fixed(g.site.site.height_m, 1) + "," +
             fixed(g.gain_km2, 1) + "," + fixed(g.covered_km2, 1) + "," +
             fixed(result.area_km2 > 0 ? g.covered_km2 / result.area_km2 : 0.0, 6) + "\n";
    }
    write_text(out / "suggestions.csv", csv);
  }
  write_text(out / "coverage.html", coverage_html(result, area, context));

  // Summary.
  std::cout << "coverage of " << area.name << " (" << fixed(result.area_km2, 0) << " km2), "
            << context.terrain << "\n";
  for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
    std::cout << "  " << settings.layers_m[l] << " m " << to_string(settings.reference) << ":";
    for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
      const double fraction =
          result.area_km2 > 0 ? result.at(l, r).covered_km2 / result.area_km2 : 0.0;
      std::cout << "  RCS " << settings.rcs_m2[r] << " m2 " << fixed(100 * fraction, 1) << "%";
    }
    std::cout << "\n";
  }
  if (context.suggestion) {
    for (const SiteGain& g : context.suggestion->chosen) {
      std::cout << "  next site " << g.site.id << " (" << fixed(g.site.site.lat_deg, 4) << ", "
                << fixed(g.site.site.lon_deg, 4) << "): +" << fixed(g.gain_km2, 0) << " km2\n";
    }
  }
  std::cout << "wrote " << (out / "coverage.html").string() << "\n";
}

}  // namespace

void configure_coverage_command(CLI::App& app) {
  auto args = std::make_shared<CoverageArguments>();
  app.description(
      "Coverage audit: per-sensor and combined coverage per altitude layer and target RCS through "
      "the simulator's sensor models, over terrain or a smooth 4/3 earth; uncovered corridors "
      "crossing the border; next-site suggestion (docs/formats/coverage.md)");
  app.add_option("sensors", args->sensors,
                 "sensors.yaml, a scenario file, or a built-in scenario name (moldova, ...)")
      ->required();
  app.add_option("--area", args->area, "GeoJSON Polygon/MultiPolygon bounding the audit");
  app.add_option("--country", args->country, "a country by name (world-atlas borders, offline)");
  app.add_option("--borders", args->borders,
                 "world-atlas countries-50m.json (default: the installed one)");
  app.add_option("--layers", args->layers_m, "altitude layers, m")
      ->delimiter(',')
      ->capture_default_str();
  app.add_flag("--agl", args->agl, "layers above ground level (default)");
  app.add_flag("--amsl", args->amsl, "layers above mean sea level");
  app.add_option("--kinds", args->kinds,
                 "only sensors of these kinds (psr3d,ssr,adsb; default all). SSR and ADS-B see "
                 "transponder-equipped targets only: --kinds psr3d audits non-cooperative ones")
      ->delimiter(',');
  app.add_option("--dem", args->dem, "DEM files: SRTM .hgt tiles or GeoTIFF (GDAL)")
      ->expected(1, -1);
  app.add_option("--rcs", args->rcs_m2, "target RCS values, m^2")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--cell", args->cell_m, "cell size, m")->capture_default_str();
  app.add_option("--threshold", args->threshold, "Pd for a cell to count as covered")
      ->capture_default_str();
  app.add_option("--out", args->out_dir, "output folder")->capture_default_str();
  app.add_option("--corridors", args->corridors, "uncovered corridors listed per RCS")
      ->capture_default_str();
  app.add_option("--suggest", args->suggest, "choose K additional 3D radar sites (greedy)");
  app.add_option("--candidates", args->candidates,
                 "candidate sites CSV (id,lat_deg,lon_deg[,height_m|mast_m])");
  app.add_option("--candidate-grid", args->candidate_grid_km,
                 "candidate grid spacing, km (without --candidates)")
      ->capture_default_str();
  app.add_option("--suggest-rcs", args->suggest_rcs,
                 "the RCS (one of --rcs) the suggestion maximises coverage for")
      ->capture_default_str();
  app.callback([args] { run_coverage(*args); });
}

}  // namespace straja::cli
