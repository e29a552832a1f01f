# truckflow_layer(NAME source...): one library per layer (truckflow_NAME, alias truckflow::NAME),
# its public headers under NAME/include, C++20, truckflow's warnings and sanitizers.
function(truckflow_layer name)
  add_library(truckflow_${name} ${ARGN})
  add_library(truckflow::${name} ALIAS truckflow_${name})
  target_include_directories(truckflow_${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:include>)
  target_compile_features(truckflow_${name} PUBLIC cxx_std_20)
  target_link_libraries(truckflow_${name} PRIVATE truckflow_build_settings)
endfunction()
