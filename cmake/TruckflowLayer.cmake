# truckflow_layer(NAME source...): one library per layer (truckflow_NAME, alias truckflow::NAME),
# its public headers under NAME/include, C++20, truckflow's warnings and sanitizers.
#
# The warnings and sanitizers (truckflow_build_settings) are for building truckflow only, so the
# link is wrapped in $<BUILD_INTERFACE:...>: an installed static layer names no target that is not
# installed. A layer built with sanitizers is instrumented, so its installed form asks whoever
# links it to link the sanitizer runtimes too (-fsanitize=..., the flags that pull them in).
function(truckflow_layer name)
  add_library(truckflow_${name} ${ARGN})
  add_library(truckflow::${name} ALIAS truckflow_${name})
  set_target_properties(truckflow_${name} PROPERTIES EXPORT_NAME ${name})
  target_include_directories(truckflow_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_compile_features(truckflow_${name} PUBLIC cxx_std_20)
  target_link_libraries(truckflow_${name} PRIVATE $<BUILD_INTERFACE:truckflow_build_settings>)
  if(TRUCKFLOW_SANITIZERS)
    target_link_options(truckflow_${name} INTERFACE $<INSTALL_INTERFACE:-fsanitize=${TRUCKFLOW_SANITIZERS}>)
  endif()
endfunction()

# truckflow_install_layer(NAME): install a layer for other projects as the package component NAME
# (install component NAME too): its static library, its headers, and truckflow-NAME-targets.cmake,
# which cmake/truckflow-config.cmake.in includes when `find_package(truckflow COMPONENTS NAME)`.
function(truckflow_install_layer name)
  install(TARGETS truckflow_${name} EXPORT truckflow_${name}_targets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ${name})
  install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    COMPONENT ${name} FILES_MATCHING PATTERN "*.hpp")
  install(EXPORT truckflow_${name}_targets NAMESPACE truckflow:: FILE truckflow-${name}-targets.cmake
    DESTINATION ${TRUCKFLOW_INSTALL_CMAKEDIR} COMPONENT ${name})
  set_property(GLOBAL APPEND PROPERTY TRUCKFLOW_INSTALLED_LAYERS ${name})
endfunction()
