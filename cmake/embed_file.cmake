# Writes a C++ source defining `NAME` (a std::string_view over the bytes of INPUT) in namespace
# truckflow::output::assets, for the report's page and ECharts. Run as: cmake -DINPUT=... -DOUTPUT=... -DNAME=... -P embed_file.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR bytes "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_file.cmake: do not edit.\n"
  "#include <string_view>\n"
  "namespace truckflow::output::assets {\n"
  "namespace {\n"
  "constexpr unsigned char bytes[] = {${hex}0};\n"
  "}  // namespace\n"
  "extern const std::string_view ${NAME};\n"
  "const std::string_view ${NAME}(reinterpret_cast<const char*>(bytes), ${bytes});\n"
  "}  // namespace truckflow::output::assets\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
